import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import { BlockFileKind, BlockFileWriter, openBlockFile, type BlockFileReader } from '../format/block-file'
import type { FileEntry } from '../format/entry'
import { mergeEntries } from '../format/merge'
import type { JobKeys } from './job-keys'
import type { JobPaths } from './job-paths'
import { listPackNumbers, openPackIndex } from './pack-index'

export type ManifestInfo = Readonly<{ packs: number[]; files: number; dirs: number; bytes: number; createdAt: string }>

/** All entries of a job in path order, newest copy of each path: a streaming merge of the pack indexes. */
export async function mergedIndexEntries(paths: JobPaths, keys: JobKeys): Promise<{ entries: AsyncGenerator<FileEntry>; packs: number[]; close(): Promise<void> }> {
  const packs = await listPackNumbers(paths)
  const readers: Array<Awaited<ReturnType<typeof openPackIndex>>> = []
  for (const packNo of packs) readers.push(await openPackIndex(paths, keys, packNo))
  return {
    entries: mergeEntries(readers.map((reader, i) => ({ rank: packs[i]!, entries: reader.entries() }))),
    packs,
    close: async () => {
      for (const reader of readers) await reader.close()
    },
  }
}

/** Writes manifest.lcm: the merged, sorted list of every entry with its hashes (docs/FORMAT.md). */
export async function writeManifest(paths: JobPaths, keys: JobKeys): Promise<number> {
  const merged = await mergedIndexEntries(paths, keys)
  const writer = await BlockFileWriter.create<ManifestInfo>(paths.manifest, BlockFileKind.MANIFEST, 0, keys.jobId, keys.manifest)
  let files = 0
  let dirs = 0
  let bytes = 0
  let count = 0
  try {
    for await (const entry of merged.entries) {
      await writer.add(entry)
      count += 1
      if (entry.type === 'dir') dirs += 1
      else if (entry.status === 'ok') {
        files += 1
        bytes += entry.size
      }
    }
    await writer.finish({ packs: merged.packs, files, dirs, bytes, createdAt: new Date().toISOString() })
    return count
  } catch (error) {
    await writer.abort()
    throw error
  } finally {
    await merged.close()
  }
}

export function openManifest(paths: JobPaths, keys: JobKeys): Promise<BlockFileReader<ManifestInfo>> {
  return openBlockFile<ManifestInfo>(paths.manifest, BlockFileKind.MANIFEST, 0, keys.jobId, keys.manifest)
}

/**
 * The job's entries for verify and restore: the manifest when it covers every pack, else (an
 * interrupted job, or packs added since) the merge of the pack indexes.
 */
export async function jobEntries(paths: JobPaths, keys: JobKeys): Promise<{ entries: AsyncGenerator<FileEntry>; complete: boolean; manifestProblem?: LocalizedText; close(): Promise<void> }> {
  const packs = await listPackNumbers(paths)
  let manifestProblem: LocalizedText | undefined
  try {
    const manifest = await openManifest(paths, keys)
    if (JSON.stringify(manifest.footer.info.packs) === JSON.stringify(packs)) {
      return { entries: manifest.entries(), complete: true, close: () => manifest.close() }
    }
    await manifest.close()
  } catch (error) {
    if (error instanceof LcubeError && error.code === 'CORRUPT') manifestProblem = error.text
    else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  // the pack indexes hold the same entries: a missing, stale or damaged manifest costs a merge, not data
  const merged = await mergedIndexEntries(paths, keys)
  return { entries: merged.entries, complete: false, ...(manifestProblem ? { manifestProblem } : {}), close: merged.close }
}
