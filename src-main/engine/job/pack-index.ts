import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BlockFileKind, BlockFileWriter, openBlockFile, type BlockFileReader } from '../format/block-file'
import { pathSortKey, type FileEntry } from '../format/entry'
import { indexFileName } from '../format/pack-format'
import type { JobKeys } from './job-keys'
import type { JobPaths } from './job-paths'

/** What an index knows about its pack: where its valid bytes end, how many records, whether it was sealed. */
export type PackIndexInfo = Readonly<{ packNo: number; length: number; records: number; sha256?: string; recovered: boolean }>

/** Sorts a pack's entries by path, the last entry for a path winning (a file re-copied in the same pack). */
export function sortForIndex(entries: ReadonlyArray<FileEntry>): FileEntry[] {
  const latest = new Map<string, FileEntry>()
  for (const entry of entries) latest.set(entry.path, entry)
  return [...latest.values()]
    .map((entry) => ({ entry, key: pathSortKey(entry.path) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ entry }) => entry)
}

export async function writePackIndex(paths: JobPaths, keys: JobKeys, info: PackIndexInfo, entries: ReadonlyArray<FileEntry>): Promise<void> {
  const writer = await BlockFileWriter.create<PackIndexInfo>(join(paths.index, indexFileName(info.packNo)), BlockFileKind.PACK_INDEX, info.packNo, keys.jobId, keys.index)
  try {
    for (const entry of sortForIndex(entries)) await writer.add(entry)
    await writer.finish(info)
  } catch (error) {
    await writer.abort()
    throw error
  }
}

export function openPackIndex(paths: JobPaths, keys: JobKeys, packNo: number): Promise<BlockFileReader<PackIndexInfo>> {
  return openBlockFile<PackIndexInfo>(join(paths.index, indexFileName(packNo)), BlockFileKind.PACK_INDEX, packNo, keys.jobId, keys.index)
}

/** Pack numbers present in the packs folder, ascending. */
export async function listPackNumbers(paths: JobPaths): Promise<number[]> {
  let names: string[]
  try {
    names = await readdir(paths.packs)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return names
    .map((name) => /^p(\d{6})\.lcp$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
}

/** Temp files left by a crash during an index or manifest write: never valid, always removable. */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(dir, name), { force: true })
  }
}
