import { lstat, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { LcubeError } from '../errors'
import { pathSortKey } from '../format/entry'
import { toSourceStat, walkSource, type SourceStat } from '../scan/walk'

/** A source root: its absolute path and, when there are several, the folder name its files go under. */
export type SourceRoot = Readonly<{ abs: string; prefix: string; stat: SourceStat }>

/**
 * Sources must be existing directories (the provider's rule). One source: paths relative to it. Several:
 * each under its own folder name, which must then differ; roots are ordered so the walk stays sorted.
 */
export async function resolveSources(sources: ReadonlyArray<string>): Promise<SourceRoot[]> {
  if (sources.length === 0) throw new LcubeError('USAGE', { en: 'Give at least one source directory', zh: '请至少指定一个源目录' })
  const roots: SourceRoot[] = []
  for (const source of sources) {
    const abs = resolve(source)
    let info
    try {
      info = await stat(abs, { bigint: true })
    } catch (error) {
      throw new LcubeError('BAD_INPUT', { en: `Source ${abs} cannot be read: ${(error as NodeJS.ErrnoException).code}`, zh: `源目录 ${abs} 无法读取：${(error as NodeJS.ErrnoException).code}` })
    }
    if (!info.isDirectory()) throw new LcubeError('BAD_INPUT', { en: `Source ${abs} is not a directory`, zh: `源 ${abs} 不是目录` })
    const linkInfo = await lstat(abs, { bigint: true })
    roots.push({ abs, prefix: sources.length > 1 ? basename(abs) : '', stat: toSourceStat(linkInfo.isSymbolicLink() ? info : linkInfo) })
  }
  const prefixes = new Set(roots.map((r) => r.prefix))
  if (prefixes.size !== roots.length) {
    throw new LcubeError('USAGE', { en: 'Several sources share a folder name; copy them as separate jobs (--job)', zh: '多个源目录的目录名相同；请分作不同作业拷贝（--job）' })
  }
  return roots.sort((a, b) => Buffer.compare(pathSortKey(a.prefix), pathSortKey(b.prefix)))
}

/** Files and bytes to copy, for an honest ETA; a walk with lstat only (no reads), streamed. */
export async function countSources(roots: ReadonlyArray<SourceRoot>, transferSymlinks: boolean, signal?: AbortSignal): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  for (const root of roots) {
    for await (const item of walkSource(root.abs, { transferSymlinks })) {
      if (signal?.aborted) return { files, bytes }
      if (item.kind === 'file') {
        files += 1
        bytes += item.stat.size
      } else if (item.kind === 'symlink') files += 1
    }
  }
  return { files, bytes }
}
