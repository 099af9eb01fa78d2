import type { CompareRow } from '../../../src-shared/compare-types'
import type { LocalizedText } from '../../../src-shared/localized'
import type { SourceRoot } from '../copy/sources'
import { readable } from '../scan/scan-rules'
import { walkSource } from '../scan/walk'
import type { SourceEntry } from './target-entry'

export type SourceWalkCounts = { files: number; symlinks: number; specials: number }

/** An error row for a source entry that cannot take part (unlisted folder, unreadable, bad name). */
export function errorRow(path: string, detail: LocalizedText, sourceSize: number | null = null): CompareRow {
  return { category: 'error', path, key: path, sourceSize, targetSize: null, matchedBy: null, source: null, target: null, detail: detail.en, detailZh: detail.zh }
}

/**
 * Every regular file of the sources, named as copy names it (several sources: each under its folder
 * name). Entries that cannot be compared are reported through onError and never silently dropped;
 * symbolic links and special files are counted, as they are not files with content.
 */
export async function* sourceEntries(roots: ReadonlyArray<SourceRoot>, onError: (row: CompareRow) => void, counts: SourceWalkCounts, signal?: AbortSignal): AsyncGenerator<SourceEntry> {
  for (const root of roots) {
    const named = (rel: string) => (root.prefix ? (rel ? `${root.prefix}/${rel}` : root.prefix) : rel)
    for await (const item of walkSource(root.abs, { transferSymlinks: false, checkLengths: false })) {
      if (signal?.aborted) return
      const path = named(item.rel)
      if (item.kind === 'file') {
        counts.files += 1
        const problem = readable(item.abs, item.stat.uid, item.stat.mode) ? undefined : { en: 'source file cannot be read: EACCES', zh: '源文件无法读取：EACCES' }
        yield { path, key: path, abs: item.abs, size: item.stat.size, problem }
      } else if (item.kind === 'skip') {
        if (item.code === 'symlink') counts.symlinks += 1
        else if (item.code === 'special') counts.specials += 1
        else {
          if (item.code === 'name' && item.stat && !item.isDir) counts.files += 1
          onError(errorRow(path || '.', item.reason, item.stat?.size ?? null))
        }
      }
    }
  }
}
