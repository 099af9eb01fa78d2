import { Worker } from 'node:worker_threads'
import type { EventChannel, EventContract, Unsubscribe } from '../../src-shared/contract'
import { fail, type Result } from '../../src-shared/errors'
import { LcubeError } from '../engine/errors'
import type { PdfPrinter } from '../engine/report/report-file'
import { workerScript } from '../engine/worker-script'
import type { FromServiceWorker, ServiceWorkerData, ToServiceWorker } from './service-protocol'
import type { ServicePort } from './service-port'

const LOST: Result<never> = fail({ code: 'INTERNAL', message: { en: 'The assistant service stopped unexpectedly; restart the app', zh: '迁移助手服务意外停止；请重新启动应用' } })

/**
 * The service as seen from the thread that owns the UI transport: invoke() and subscribe() are messages
 * to the service worker. If the worker dies, every pending and later call answers with an error.
 */
export class ServiceClient implements ServicePort {
  private seq = 0
  private readonly pending = new Map<number, (result: Result<unknown>) => void>()
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  private alive = true
  private stopped: Promise<void> | undefined

  private constructor(private readonly worker: Worker, printPdf: PdfPrinter | undefined) {
    worker.on('message', (message: FromServiceWorker) => {
      if (message.type === 'print') {
        const done = (error?: string) => this.alive && this.post({ type: 'printed', seq: message.seq, ...(error ? { error } : {}) })
        if (!printPdf) done('no PDF printer in this process')
        else printPdf(message.htmlPath, message.pdfPath).then(() => done(), (error: unknown) => done(error instanceof Error ? error.message : String(error)))
      } else if (message.type === 'result') {
        this.pending.get(message.seq)?.(message.result)
        this.pending.delete(message.seq)
      } else if (message.type === 'event') {
        for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload)
      }
    })
    worker.on('exit', () => this.lost())
    worker.on('error', () => this.lost())
  }

  /** printPdf: how the parent prints PDF reports when data.printPdfInParent is set (Electron's printToPDF). */
  static async start(data: ServiceWorkerData, printPdf?: PdfPrinter): Promise<ServiceClient> {
    const script = workerScript('service-worker', new URL('./service-worker.ts', import.meta.url))
    const worker = new Worker(script.url, { workerData: { ...script.workerData, service: data } })
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromServiceWorker) => {
        if (message.type === 'ready') done(undefined)
        else if (message.type === 'start-failed') done(new LcubeError('INTERNAL', { en: `The assistant service could not start: ${message.message}`, zh: `迁移助手服务无法启动：${message.message}` }))
      }
      const onExit = (code: number) => done(new LcubeError('INTERNAL', { en: `The assistant service exited during start (code ${code})`, zh: `迁移助手服务在启动时退出（代码 ${code}）` }))
      const done = (error: Error | undefined) => {
        worker.off('message', onMessage)
        worker.off('exit', onExit)
        worker.off('error', done)
        if (error) reject(error)
        else resolve()
      }
      worker.on('message', onMessage)
      worker.on('exit', onExit)
      worker.on('error', done)
    })
    return new ServiceClient(worker, printPdf)
  }

  private lost(): void {
    this.alive = false
    for (const resolve of this.pending.values()) resolve(LOST)
    this.pending.clear()
  }

  private post(message: ToServiceWorker): void {
    this.worker.postMessage(message)
  }

  invoke(channel: unknown, request: unknown): Promise<Result<unknown>> {
    if (!this.alive) return Promise.resolve(LOST)
    const seq = ++this.seq
    return new Promise((resolve) => {
      this.pending.set(seq, resolve)
      try {
        this.post({ type: 'invoke', seq, channel: String(channel), request })
      } catch {
        this.pending.delete(seq)
        resolve(fail({ code: 'BAD_INPUT', message: { en: 'The request cannot be sent to the service', zh: '请求无法发送给服务' } }))
      }
    })
  }

  subscribe<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void): Unsubscribe {
    const set = this.listeners.get(channel) ?? new Set()
    set.add(listener as (payload: unknown) => void)
    this.listeners.set(channel, set)
    return () => set.delete(listener as (payload: unknown) => void)
  }

  /** Lets running copies reach a clean checkpoint, then ends the worker. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (this.alive) {
        const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
        this.post({ type: 'stop' })
        await exited
      }
      this.listeners.clear()
    })()
    return this.stopped
  }
}
