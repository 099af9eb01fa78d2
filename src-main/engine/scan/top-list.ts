import { BinaryHeap } from '../binary-heap'

type Kept<T> = { score: number; order: number; item: T }

/**
 * The k highest-scoring items of a stream in O(k) memory: a min-heap whose root is the weakest kept item.
 * Ties keep the item seen first, so results are stable across runs of the same walk.
 */
export class TopList<T> {
  private readonly heap = new BinaryHeap<Kept<T>>((a, b) => a.score < b.score || (a.score === b.score && a.order > b.order))
  private seen = 0

  constructor(private readonly limit: number) {}

  offer(score: number, item: () => T): void {
    const order = this.seen++
    if (this.heap.size < this.limit) this.heap.push({ score, order, item: item() })
    else if (this.limit > 0 && score > this.heap.peek()!.score) {
      this.heap.pop()
      this.heap.push({ score, order, item: item() })
    }
  }

  /** Highest first; equal scores in the order they were offered. */
  sorted(): T[] {
    return [...this.heap.values()].sort((a, b) => b.score - a.score || a.order - b.order).map((e) => e.item)
  }
}
