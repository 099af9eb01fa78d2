import { pathSortKey, type FileEntry } from '../format/entry'

/**
 * Walks a path-sorted entry stream alongside the (equally sorted) source walk: seek(path) returns the
 * entry for exactly that path, if any, skipping smaller ones. Memory: one entry.
 */
export class SortedCursor {
  private current: FileEntry | undefined
  private currentKey: Buffer | undefined
  private started = false
  private finished = false

  constructor(private readonly source: AsyncIterator<FileEntry>) {}

  private async advance(): Promise<void> {
    const next = await this.source.next()
    if (next.done) {
      this.finished = true
      this.current = undefined
      this.currentKey = undefined
    } else {
      this.current = next.value
      this.currentKey = pathSortKey(next.value.path)
    }
  }

  async seek(path: string): Promise<FileEntry | undefined> {
    if (!this.started) {
      this.started = true
      await this.advance()
    }
    const key = pathSortKey(path)
    while (!this.finished && Buffer.compare(this.currentKey!, key) < 0) await this.advance()
    return !this.finished && this.current!.path === path ? this.current : undefined
  }
}
