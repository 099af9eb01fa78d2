import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { BinaryHeap } from '../binary-heap'
import { writeChunks } from './report-file'

/** Items sorted in memory at a time; more spill to sorted runs on disk that are merged back. */
export const SORT_RUN_ITEMS = 50_000

type Keyed<T> = { key: Buffer; item: T }

/**
 * Sorts a stream of JSON-serialisable items by a byte key in bounded memory (sorted runs of
 * SORT_RUN_ITEMS spilled as JSON lines, then a k-way merge). Stable: equal keys keep input order.
 */
export async function* externalSort<T>(items: AsyncIterable<T>, keyOf: (item: T) => Buffer, runItems = SORT_RUN_ITEMS): AsyncGenerator<T> {
  let run: Array<Keyed<T>> = []
  const runs: string[] = []
  let dir: string | undefined
  const byKey = (a: Keyed<T>, b: Keyed<T>) => Buffer.compare(a.key, b.key)
  const spill = async () => {
    run.sort(byKey)
    dir ??= await mkdtemp(join(tmpdir(), 'lcube-sort-'))
    const file = join(dir, `run-${runs.length}.jsonl`)
    const lines = run
    run = []
    await writeChunks(file, (async function* () {
      let batch = ''
      for (const { item } of lines) {
        batch += `${JSON.stringify(item)}\n`
        if (batch.length > 1 << 20) {
          yield batch
          batch = ''
        }
      }
      yield batch
    })())
    runs.push(file)
  }
  try {
    for await (const item of items) {
      run.push({ key: keyOf(item), item })
      if (run.length >= runItems) await spill()
    }
    if (runs.length === 0) {
      run.sort(byKey)
      for (const { item } of run) yield item
      return
    }
    if (run.length > 0) await spill()
    yield* mergeRuns(runs, keyOf)
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

async function* mergeRuns<T>(files: ReadonlyArray<string>, keyOf: (item: T) => Buffer): AsyncGenerator<T> {
  const readers = files.map((file) => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]())
  // ties go to the earlier run, which holds the earlier input
  const heap = new BinaryHeap<{ key: Buffer; run: number; item: T }>((a, b) => {
    const c = Buffer.compare(a.key, b.key)
    return c < 0 || (c === 0 && a.run < b.run)
  })
  const advance = async (run: number) => {
    const next = await readers[run]!.next()
    if (!next.done) {
      const item = JSON.parse(next.value) as T
      heap.push({ key: keyOf(item), run, item })
    }
  }
  for (let i = 0; i < readers.length; i += 1) await advance(i)
  while (heap.size > 0) {
    const top = heap.pop()!
    yield top.item
    await advance(top.run)
  }
}
