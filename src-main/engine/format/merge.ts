import { comparePaths, type FileEntry } from './entry'

type Head = { entry: FileEntry; rank: number; source: AsyncIterator<FileEntry> }

/**
 * Merges path-sorted entry streams into one path-sorted stream. Where several streams hold the same
 * path, the one with the highest rank wins (a later pack supersedes an earlier copy). Memory: one head
 * per stream.
 */
export async function* mergeEntries(streams: ReadonlyArray<{ rank: number; entries: AsyncIterable<FileEntry> }>): AsyncGenerator<FileEntry> {
  const heads: Head[] = []
  for (const { rank, entries } of streams) {
    const source = entries[Symbol.asyncIterator]()
    const first = await source.next()
    if (!first.done) heads.push({ entry: first.value, rank, source })
  }
  while (heads.length > 0) {
    let min = heads[0]!.entry.path
    for (const head of heads) if (comparePaths(head.entry.path, min) < 0) min = head.entry.path
    let winner: Head | undefined
    for (let i = heads.length - 1; i >= 0; i -= 1) {
      const head = heads[i]!
      if (head.entry.path !== min) continue
      if (!winner || head.rank > winner.rank) winner = head
    }
    const result = winner!.entry
    for (let i = heads.length - 1; i >= 0; i -= 1) {
      const head = heads[i]!
      if (head.entry.path !== min) continue
      const next = await head.source.next()
      if (next.done) heads.splice(i, 1)
      else head.entry = next.value
    }
    yield result
  }
}
