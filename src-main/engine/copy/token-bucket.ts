/** Caps bytes per second read from the sources (--bwlimit), to protect production storage. */
export class TokenBucket {
  private available: number
  private last = performance.now()

  constructor(private readonly rate: number) {
    this.available = rate
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = performance.now()
      this.available = Math.min(this.rate, this.available + ((now - this.last) / 1000) * this.rate)
      this.last = now
      // a request larger than one second's worth is let through once the bucket is full
      if (this.available >= Math.min(bytes, this.rate)) {
        this.available -= bytes
        return
      }
      if (signal?.aborted) return
      const waitMs = ((Math.min(bytes, this.rate) - this.available) / this.rate) * 1000
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, Math.min(waitMs, 250))))
    }
  }
}
