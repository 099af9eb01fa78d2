import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const FLUSH_CHARS = 256 * 1024

/**
 * An append-only list that lives on disk as JSON lines, so a report of ten million rows costs a file,
 * not memory. The first `keep` items also stay in memory for summaries and previews.
 */
export class SpillList<T> {
  readonly head: T[] = []
  private count = 0
  private pending = ''
  private readonly dir: string
  private readonly file: string
  private fd: number | undefined

  constructor(private readonly keep: number, name: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'lcube-report-'))
    this.file = join(this.dir, `${name}.jsonl`)
    this.fd = openSync(this.file, 'w', 0o600)
  }

  get length(): number {
    return this.count
  }

  push(item: T): void {
    if (this.head.length < this.keep) this.head.push(item)
    this.pending += `${JSON.stringify(item)}\n`
    this.count += 1
    if (this.pending.length >= FLUSH_CHARS) this.flush()
  }

  private flush(): void {
    if (this.fd === undefined) throw new Error('spill list is closed')
    if (this.pending) writeSync(this.fd, this.pending)
    this.pending = ''
  }

  /** Every item in the order pushed; the list can be read any number of times. */
  async *items(): AsyncGenerator<T> {
    if (this.count === this.head.length) {
      yield* this.head
      return
    }
    this.flush()
    const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity })
    for await (const line of lines) if (line) yield JSON.parse(line) as T
  }

  /** Items offset..offset+limit-1, for a paged view: from memory when in the head, else read past the rest. */
  async page(offset: number, limit: number): Promise<T[]> {
    const end = Math.min(this.count, offset + limit)
    if (end <= this.head.length) return this.head.slice(offset, end)
    const rows: T[] = []
    let index = 0
    for await (const item of this.items()) {
      if (index >= end) break
      if (index >= offset) rows.push(item)
      index += 1
    }
    return rows
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
    rmSync(this.dir, { recursive: true, force: true })
  }
}
