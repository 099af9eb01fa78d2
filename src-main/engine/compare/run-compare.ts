import { availableParallelism } from 'node:os'
import { COMPARE_CATEGORIES, COMPARE_REPORT_SCHEMA, type CategoryTotals, type CompareCategory, type CompareProgress, type CompareReportCore, type CompareRow, type CompareSummary, type MatchedBy } from '../../../src-shared/compare-types'
import type { LocalizedText } from '../../../src-shared/localized'
import type { CompareRequest } from '../../../src-shared/task-types'
import { resolveSources } from '../copy/sources'
import { LcubeError } from '../errors'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../product'
import { externalSort } from '../report/external-sort'
import { SpillList } from '../report/spill-list'
import { comparePair, extraRow, missingRow, type PairStats } from './compare-pair'
import { HashPool } from './hash-pool'
import { sourceEntries, type SourceWalkCounts } from './source-entries'
import { matchKey, type SourceEntry, type TargetEntry } from './target-entry'
import { openTarget } from './target-spec'
import { compareVerdict } from './verdict'

/** What the app's compare:start asks for, plus what only the caller knows (the password asked lazily). */
export type CompareOptions = Omit<CompareRequest, 'password'> & Readonly<{
  threads?: number
  env: NodeJS.ProcessEnv
  password: () => Promise<string>
  signal?: AbortSignal
  onProgress?: (progress: CompareProgress) => void
  progressIntervalMs?: number
}>

export type CompareResult = Readonly<{
  core: CompareReportCore
  rows: Readonly<Record<CompareCategory, SpillList<CompareRow>>>
  dispose(): void
}>

/** Rows kept in memory per category for previews and the HTML report; all of them stream from disk. */
const PREVIEW_ROWS = 5000

const zeroTotals = (): CategoryTotals => ({ match: 0, differ: 0, missingInTarget: 0, extraInTarget: 0, error: 0 })

/**
 * Source against target: both sides sorted by NFC name in copy's path order (external sort, bounded
 * memory), merge-joined, each pair checked by size, checksums or bytes in worker threads; rows land in
 * per-category lists on disk, in path order.
 */
export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const started = performance.now()
  const mode = options.mode ?? 'hash'
  const roots = await resolveSources(options.sources)
  const threads = Math.max(1, options.threads ?? availableParallelism())
  const pool = new HashPool(threads)
  const rows = Object.fromEntries(COMPARE_CATEGORIES.map((c) => [c, new SpillList<CompareRow>(PREVIEW_ROWS, c)])) as Record<CompareCategory, SpillList<CompareRow>>
  const dispose = () => {
    for (const list of Object.values(rows)) list.dispose()
  }
  try {
    const target = await openTarget(options.against, { prefix: options.prefix, endpoint: options.endpoint, job: options.job, env: options.env, password: options.password, pool })
    try {
      const counts: SourceWalkCounts = { files: 0, symlinks: 0, specials: 0 }
      const summary: CompareSummary = { ...zeroTotals(), bytes: zeroTotals(), matchedBy: { bytes: 0, sha256: 0, md5: 0, crc64: 0, 'md5+crc64': 0, size: 0 } as Record<MatchedBy, number>, sourceFiles: 0, targetObjects: 0 }
      const stats: PairStats = { multipartByCrc: 0, fullFellBackToHash: false }
      let checkedBytes = 0
      let current = ''
      let lastProgress = 0
      const interval = options.progressIntervalMs ?? 500
      const emit = (row: CompareRow) => {
        rows[row.category].push(row)
        summary[row.category] += 1
        summary.bytes[row.category] += (row.category === 'extraInTarget' ? row.targetSize : row.sourceSize) ?? 0
        if (row.matchedBy) summary.matchedBy[row.matchedBy] += 1
        if (row.category !== 'extraInTarget' && row.sourceSize !== null) checkedBytes += row.sourceSize
        current = row.path
        if (options.onProgress && performance.now() - lastProgress >= interval) {
          lastProgress = performance.now()
          options.onProgress({ sourceFiles: counts.files, targetObjects: summary.targetObjects, checkedBytes, elapsedMs: performance.now() - started, current })
        }
      }
      const sources = externalSort(sourceEntries(roots, emit, counts, options.signal), (s: SourceEntry) => matchKey(s.key))
      const countedTargets = (async function* () {
        for await (const t of target.entries()) {
          summary.targetObjects += 1
          yield t
        }
      })()
      const targets = externalSort(countedTargets, (t: TargetEntry) => matchKey(t.key))
      // pairs run concurrently in a window; rows are emitted in path order as the head of the window completes
      const window: Array<Promise<CompareRow>> = []
      const limit = threads * 4
      const enqueue = async (work: Promise<CompareRow>) => {
        window.push(work)
        while (window.length >= limit) emit(await window.shift()!)
      }
      // each side's key is computed once per entry as it arrives, not on every comparison
      const keyed = async <T extends { key: string }>(it: AsyncIterator<T>) => {
        const r = await it.next()
        return r.done ? undefined : { value: r.value, key: matchKey(r.value.key) }
      }
      const si = sources[Symbol.asyncIterator]()
      const ti = targets[Symbol.asyncIterator]()
      let s = await keyed(si)
      let t = await keyed(ti)
      while (s || t) {
        if (options.signal?.aborted) throw new LcubeError('INTERRUPTED', { en: 'Comparison interrupted', zh: '比对已中断' })
        const order = !s ? 1 : !t ? -1 : Buffer.compare(s.key, t.key)
        if (order < 0) {
          await enqueue(Promise.resolve(missingRow(s!.value)))
          s = await keyed(si)
        } else if (order > 0) {
          await enqueue(Promise.resolve(extraRow(t!.value)))
          t = await keyed(ti)
        } else {
          await enqueue(comparePair(s!.value, t!.value, mode, target, pool, stats))
          s = await keyed(si)
          t = await keyed(ti)
        }
      }
      for (const work of window.splice(0)) emit(await work)
      summary.sourceFiles = counts.files
      const notes: LocalizedText[] = [...target.notes()]
      if (counts.symlinks + counts.specials > 0) notes.push({ en: `${counts.symlinks} symbolic links and ${counts.specials} special files in the sources are not compared (not regular files; copy does not migrate them by default)`, zh: `源中的 ${counts.symlinks} 个符号链接和 ${counts.specials} 个特殊文件未参与比对（不是普通文件；拷贝默认不迁移）` })
      if (stats.multipartByCrc > 0) notes.push({ en: `${stats.multipartByCrc} objects were uploaded in parts (their ETag is not an MD5): checked by size and CRC-64`, zh: `${stats.multipartByCrc} 个对象为分片上传（ETag 不是 MD5）：按大小和 CRC-64 检查` })
      if (stats.fullFellBackToHash) notes.push({ en: 'full mode cannot read bytes from a listing or inventory: compared by checksums instead', zh: '清单或清单导出无法读取数据内容，完整模式改为按校验值比对' })
      const verdict = compareVerdict(summary)
      const core: CompareReportCore = {
        schema: COMPARE_REPORT_SCHEMA,
        tool: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
        createdAt: new Date().toISOString(),
        sources: roots.map((r) => r.abs),
        target: { kind: target.kind, location: target.location, prefix: target.prefix },
        mode,
        durationMs: Math.round(performance.now() - started),
        summary,
        safeToDelete: verdict.safe,
        verdict: verdict.reasons,
        notes,
      }
      return { core, rows, dispose }
    } finally {
      await target.close()
    }
  } catch (error) {
    dispose()
    throw error
  } finally {
    await pool.close()
  }
}
