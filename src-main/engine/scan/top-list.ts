/**
 * The k highest-scoring items of a stream in O(k) memory: a min-heap whose root is the weakest kept item.
 * Ties keep the item seen first, so results are stable across runs of the same walk.
 */
export class TopList<T> {
  private readonly heap: Array<{ score: number; order: number; item: T }> = []
  private seen = 0

  constructor(private readonly limit: number) {}

  offer(score: number, item: () => T): void {
    const order = this.seen++
    if (this.heap.length < this.limit) {
      this.heap.push({ score, order, item: item() })
      this.up(this.heap.length - 1)
    } else if (this.limit > 0 && score > this.heap[0]!.score) {
      this.heap[0] = { score, order, item: item() }
      this.down(0)
    }
  }

  /** Highest first; equal scores in the order they were offered. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.order - b.order).map((e) => e.item)
  }

  private weaker(i: number, j: number): boolean {
    const a = this.heap[i]!
    const b = this.heap[j]!
    return a.score < b.score || (a.score === b.score && a.order > b.order)
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.weaker(i, parent)) return
      ;[this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!]
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < this.heap.length && this.weaker(l, m)) m = l
      if (r < this.heap.length && this.weaker(r, m)) m = r
      if (m === i) return
      ;[this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!]
      i = m
    }
  }
}
