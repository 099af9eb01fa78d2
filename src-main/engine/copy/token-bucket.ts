/**
 * Caps bytes per second read from the sources (--bwlimit), to protect production storage. The rate can
 * change while a copy runs (the app's throttle control); undefined means no cap.
 */
export class TokenBucket {
  private available: number
  private last = performance.now()

  constructor(private rate: number | undefined) {
    this.available = rate ?? 0
  }

  get bytesPerSecond(): number | undefined {
    return this.rate
  }

  setRate(rate: number | undefined): void {
    this.rate = rate
    this.available = Math.min(this.available, rate ?? 0)
    this.last = performance.now()
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const rate = this.rate
      if (rate === undefined) return
      const now = performance.now()
      this.available = Math.min(rate, this.available + ((now - this.last) / 1000) * rate)
      this.last = now
      // a request larger than one second's worth is let through once the bucket is full
      if (this.available >= Math.min(bytes, rate)) {
        this.available -= bytes
        return
      }
      if (signal?.aborted) return
      const waitMs = ((Math.min(bytes, rate) - this.available) / rate) * 1000
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, Math.min(waitMs, 250))))
    }
  }
}
