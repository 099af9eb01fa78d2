import { Worker } from 'node:worker_threads'
import { workerScript, type WorkerScript } from '../worker-script'
import type { HashAlgorithm, HashRequest, HashResponse } from './hash-protocol'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

export function hashWorkerScript(): WorkerScript {
  return workerScript('hash-worker', new URL('./hash-worker.ts', import.meta.url))
}

/**
 * Worker threads that hash files (CRC-64, MD5, SHA-256 in one read) or compare two files byte by byte,
 * so a comparison of millions of files keeps every core busy and the main thread free for the merge.
 */
export class HashPool {
  private readonly idle: Worker[] = []
  private readonly queue: Array<{ request: DistributiveOmit<HashRequest, 'id'>; resolve: (r: HashResponse) => void; reject: (e: Error) => void }> = []
  private readonly pending = new Map<number, { resolve: (r: HashResponse) => void; reject: (e: Error) => void; worker: Worker }>()
  private readonly workers: Worker[] = []
  private nextId = 1
  private failure: Error | undefined

  constructor(size: number, script: WorkerScript = hashWorkerScript()) {
    for (let i = 0; i < Math.max(1, size); i += 1) {
      const worker = new Worker(script.url, { workerData: script.workerData, resourceLimits: { maxOldGenerationSizeMb: 128 } })
      worker.on('message', (response: HashResponse) => {
        const task = this.pending.get(response.id)
        if (!task) return
        this.pending.delete(response.id)
        task.resolve(response)
        this.release(worker)
      })
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`hash worker exited with code ${code}`))
      })
      this.workers.push(worker)
      this.idle.push(worker)
    }
  }

  get size(): number {
    return this.workers.length
  }

  hash(path: string, algorithms: ReadonlyArray<HashAlgorithm>): Promise<HashResponse> {
    return this.submit({ type: 'hash', path, algorithms })
  }

  same(a: string, b: string): Promise<HashResponse> {
    return this.submit({ type: 'same', a, b })
  }

  private submit(request: DistributiveOmit<HashRequest, 'id'>): Promise<HashResponse> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const worker = this.idle.pop()
      if (worker) this.dispatch(worker, request, resolve, reject)
      else this.queue.push({ request, resolve, reject })
    })
  }

  private dispatch(worker: Worker, request: DistributiveOmit<HashRequest, 'id'>, resolve: (r: HashResponse) => void, reject: (e: Error) => void): void {
    const id = this.nextId++
    this.pending.set(id, { resolve, reject, worker })
    worker.postMessage({ ...request, id })
  }

  private release(worker: Worker): void {
    const next = this.queue.shift()
    if (next) this.dispatch(worker, next.request, next.resolve, next.reject)
    else this.idle.push(worker)
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const [id, task] of this.pending) {
      this.pending.delete(id)
      task.reject(error)
    }
    for (const waiting of this.queue.splice(0)) waiting.reject(error)
  }

  async close(): Promise<void> {
    this.fail(new Error('hash pool closed'))
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
