import { workerScript, type WorkerScript } from '../worker-script'
import { Worker } from 'node:worker_threads'
import type { BatchFile, WorkerRequest, WorkerResponse } from './worker-protocol'

type PartHandler = (part: Extract<WorkerResponse, { type: 'part' }>) => Promise<void>
type Pending = { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void; onPart?: PartHandler; worker: Worker; parts: Promise<void> }

/** The worker script: the built .js beside this module, or the tsx boot file when running from sources. */
export function copyWorkerScript(): WorkerScript {
  return workerScript('copy-worker', new URL('./copy-worker.ts', import.meta.url))
}

/**
 * N worker threads, one task each at a time. A file task streams parts: each part is handed to onPart
 * (the writer) and acknowledged only after it, so a slow cube slows the readers instead of filling memory.
 */
export class WorkerPool {
  private readonly idle: Worker[] = []
  private readonly waiting: Array<{ resolve: (worker: Worker) => void; reject: (error: Error) => void }> = []
  private readonly pending = new Map<number, Pending>()
  private readonly workers: Worker[] = []
  private nextId = 1
  private failure: Error | undefined

  constructor(size: number, script: WorkerScript = copyWorkerScript()) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(script.url, { workerData: script.workerData, resourceLimits: { maxOldGenerationSizeMb: 256 } })
      worker.on('message', (message: WorkerResponse) => void this.onMessage(worker, message))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`copy worker exited with code ${code}`))
      })
      this.workers.push(worker)
      this.idle.push(worker)
    }
  }

  get size(): number {
    return this.workers.length
  }

  /** Rejects every task in flight and every task still waiting for a worker: nothing is left hanging. */
  private fail(error: Error): void {
    this.failure ??= error
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      pending.reject(error)
    }
    for (const waiter of this.waiting.splice(0)) waiter.reject(error)
  }

  private acquire(): Promise<Worker> {
    if (this.failure) return Promise.reject(this.failure)
    const worker = this.idle.pop()
    if (worker) return Promise.resolve(worker)
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift()
    if (next) next.resolve(worker)
    else this.idle.push(worker)
  }

  private async onMessage(worker: Worker, message: WorkerResponse): Promise<void> {
    const pending = this.pending.get(message.id)
    if (!pending) return
    if (message.type === 'part') {
      // the worker may post part k+1 before part k is acknowledged: handle a file's parts strictly in order
      pending.parts = pending.parts.then(async () => {
        try {
          await pending.onPart!(message)
          worker.postMessage({ type: 'ack', id: message.id } satisfies WorkerRequest)
        } catch (error) {
          // the writer failed (cube gone or full): the copy stops. This worker waits for an ack that will
          // never come, so it can take no other task; failing the pool rejects every task in flight and
          // every task waiting for a worker, instead of leaving them waiting for it forever
          this.pending.delete(message.id)
          pending.reject(error as Error)
          this.fail(error as Error)
        }
      })
      return
    }
    this.pending.delete(message.id)
    this.release(worker)
    if (message.type === 'failed') pending.reject(new Error(`copy worker failed: ${message.message}`))
    else pending.resolve(message)
  }

  /** gate runs once a worker is free, right before the task starts reading (a pause holds it there). */
  private async submit(build: (id: number) => WorkerRequest, onPart?: PartHandler, gate?: () => Promise<void>): Promise<WorkerResponse> {
    const worker = await this.acquire()
    try {
      await gate?.()
    } catch (error) {
      this.release(worker)
      throw error
    }
    if (this.failure) throw this.failure
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onPart, worker, parts: Promise.resolve() })
      worker.postMessage(build(id))
    })
  }

  batch(files: ReadonlyArray<BatchFile>, level: number, gate?: () => Promise<void>): Promise<Extract<WorkerResponse, { type: 'batch-done' }>> {
    return this.submit((id) => ({ type: 'batch', id, files, level }), undefined, gate) as Promise<Extract<WorkerResponse, { type: 'batch-done' }>>
  }

  file(file: BatchFile, partBytes: number, level: number, onPart: PartHandler, resume?: { parts: number; bytes: number }, gate?: () => Promise<void>): Promise<Extract<WorkerResponse, { type: 'file-done' }>> {
    return this.submit((id) => ({ type: 'file', id, file, partBytes, level, ...(resume ? { resume } : {}) }), onPart, gate) as Promise<Extract<WorkerResponse, { type: 'file-done' }>>
  }

  async close(): Promise<void> {
    this.fail(new Error('copy workers stopped'))
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }
}
