import { pathSortKey, type FileEntry } from './entry'

type Head = { entry: FileEntry; key: Buffer; rank: number; source: AsyncIterator<FileEntry> }

/**
 * Merges path-sorted entry streams into one path-sorted stream. Where several streams hold the same
 * path, the one with the highest rank wins (a later pack supersedes an earlier copy). Memory: one head
 * per stream, each with its sort key computed once.
 */
export async function* mergeEntries(streams: ReadonlyArray<{ rank: number; entries: AsyncIterable<FileEntry> }>): AsyncGenerator<FileEntry> {
  const heads: Head[] = []
  const advance = async (head: Head): Promise<boolean> => {
    const next = await head.source.next()
    if (next.done) return false
    head.entry = next.value
    head.key = pathSortKey(next.value.path)
    return true
  }
  for (const { rank, entries } of streams) {
    const head: Head = { entry: undefined as unknown as FileEntry, key: Buffer.alloc(0), rank, source: entries[Symbol.asyncIterator]() }
    if (await advance(head)) heads.push(head)
  }
  while (heads.length > 0) {
    let min = heads[0]!.key
    for (const head of heads) if (Buffer.compare(head.key, min) < 0) min = head.key
    let winner: Head | undefined
    for (const head of heads) if (head.key.equals(min) && (!winner || head.rank > winner.rank)) winner = head
    const result = winner!.entry
    for (let i = heads.length - 1; i >= 0; i -= 1) {
      const head = heads[i]!
      if (head.key.equals(min) && !(await advance(head))) heads.splice(i, 1)
    }
    yield result
  }
}
