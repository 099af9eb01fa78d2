import { TokenBucket } from './token-bucket'

/**
 * Pause, resume and the read-rate cap for a running copy. Paused, no new read starts and large files stop at their next part;
 * the copy makes what it wrote durable (a checkpoint) so a pause is as safe as a stop.
 */
export class CopyControl {
  private paused = false
  private waiters: Array<() => void> = []
  private readonly listeners = new Set<(paused: boolean) => void>()
  /** Shared by every read of the copy; setThrottle changes it while the copy runs. */
  readonly throttle: TokenBucket

  constructor(bytesPerSecond?: number) {
    this.throttle = new TokenBucket(bytesPerSecond)
  }

  setThrottle(bytesPerSecond: number | undefined): void {
    this.throttle.setRate(bytesPerSecond)
  }

  get isPaused(): boolean {
    return this.paused
  }

  pause(): void {
    if (this.paused) return
    this.paused = true
    for (const listener of this.listeners) listener(true)
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    for (const wake of this.waiters.splice(0)) wake()
    for (const listener of this.listeners) listener(false)
  }

  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves at once when running; when paused, on resume or when the signal aborts. */
  whenRunning(signal?: AbortSignal): Promise<void> {
    if (!this.paused || signal?.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      this.waiters.push(resolve)
      signal?.addEventListener('abort', () => resolve(), { once: true })
    })
  }
}
