import { readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import type { ScanProgress, ScanReportCore, ScanSkip, ScanViolation } from '../../../src-shared/scan-types'
import { SCAN_REPORT_SCHEMA } from '../../../src-shared/scan-types'
import { initZstd } from '../codec/zstd'
import { resolveSources } from '../copy/sources'
import { LcubeError } from '../errors'
import { checkBucketName, checkRegion, normalizeKeyPrefix } from '../oss-key'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../product'
import { SpillList } from '../report/spill-list'
import { buildPlan, DEFAULT_CABINET_BYTES } from './cube-plan'
import { RuleChecker } from './scan-rules'
import { ScanTally } from './scan-tally'
import { probeSamples, SizeWeightedSample } from './sample-probe'
import { walkSource } from './walk'

export type ScanOptions = Readonly<{
  sources: ReadonlyArray<string>
  transferSymlinks?: boolean
  prefix?: string
  bucket?: string
  region?: string
  /** Seconds the read-speed probe may take (default 2; 0 skips it and the compression trial). */
  probeSeconds?: number
  sampleFiles?: number
  cabinetBytes?: number
  level?: number
  signal?: AbortSignal
  onProgress?: (progress: ScanProgress) => void
  progressIntervalMs?: number
}>

/** The report's counted part plus its two long lists, which live on disk until disposed. */
export type ScanResult = Readonly<{
  core: ScanReportCore
  violations: SpillList<ScanViolation>
  skipped: SpillList<ScanSkip>
  dispose(): void
}>

/** Violations and skipped entries kept in memory for previews; the rest stream from disk. */
const PREVIEW_ROWS = 1000

function interrupted(): LcubeError {
  return new LcubeError('INTERRUPTED', { en: 'Scan interrupted', zh: '扫描已中断' })
}

/**
 * The requirement list: one sorted, bounded-memory walk per source that counts, checks every entry
 * against the rules and samples files; then a short read probe and compression trial on the sample.
 */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const prefix = normalizeKeyPrefix(options.prefix)
  const bucket = options.bucket === undefined ? null : checkBucketName(options.bucket)
  const region = options.region === undefined ? null : checkRegion(options.region)
  const roots = await resolveSources(options.sources)
  await initZstd()
  const started = performance.now()
  const tally = new ScanTally()
  const rules = new RuleChecker(prefix)
  const sample = new SizeWeightedSample(options.sampleFiles ?? 48)
  const violations = new SpillList<ScanViolation>(PREVIEW_ROWS, 'violations')
  const skipped = new SpillList<ScanSkip>(PREVIEW_ROWS, 'skipped')
  const dispose = () => {
    violations.dispose()
    skipped.dispose()
  }
  try {
    const migrate = { files: 0, bytes: 0 }
    const notMigrated = { files: 0, bytes: 0 }
    const violationCounts: ScanReportCore['violationCounts'] = {}
    const mapping: Array<{ source: string; keyPrefix: string; files: number; bytes: number }> = []
    let currentDir = ''
    let lastProgress = 0
    const interval = options.progressIntervalMs ?? 500
    const progress = (phase: ScanProgress['phase']) => {
      const elapsedMs = performance.now() - started
      options.onProgress?.({ phase, files: tally.files, dirs: tally.dirs, bytes: tally.bytes, elapsedMs, filesPerSecond: elapsedMs > 0 ? Math.round(tally.files / (elapsedMs / 1000)) : 0, currentDir })
    }
    for (const root of roots) {
      const perRoot = { files: tally.files, bytes: tally.bytes }
      const shown = (rel: string) => (root.prefix ? (rel ? `${root.prefix}/${rel}` : root.prefix) : rel)
      tally.addDir(shown(''), countEntries(root.abs))
      for await (const item of walkSource(root.abs, { transferSymlinks: options.transferSymlinks === true, checkLengths: false })) {
        if (options.signal?.aborted) throw interrupted()
        const path = shown(item.rel)
        const found = rules.check(item, root.prefix, path)
        for (const v of found.violations) {
          violations.push(v)
          violationCounts[v.rule] = (violationCounts[v.rule] ?? 0) + 1
        }
        if (found.skip) skipped.push(found.skip)
        if (item.kind === 'file') {
          tally.addFile(path, item.stat.size, item.stat.mtimeNs, item.stat.nlink)
          tally.hardLinkExtraBytes += found.hardLinkExtra
          const bucketOf = found.migrated ? migrate : notMigrated
          bucketOf.files += 1
          bucketOf.bytes += item.stat.size
          if (found.migrated) sample.offer(item.abs, item.stat.size)
        } else if (item.kind === 'dir') {
          tally.addDir(path, item.entries)
          currentDir = path
        } else if (item.kind === 'symlink') {
          tally.symlinks += 1
          ;(found.migrated ? migrate : notMigrated).files += 1
        } else if (item.code === 'symlink') {
          tally.symlinks += 1
          notMigrated.files += 1
        } else if (item.code === 'special') tally.specialFiles += 1
        else if (item.code === 'name' && item.stat && !item.isDir) {
          // A file is counted like find counts it, though its name keeps it off the cube. A folder with
          // such a name is one finding; it and its contents are neither walked nor counted.
          if ((item.stat.mode & 0o170000) === 0o100000) {
            tally.addFile(path, item.stat.size, item.stat.mtimeNs, item.stat.nlink)
            notMigrated.files += 1
            notMigrated.bytes += item.stat.size
          }
        }
        if (options.onProgress && performance.now() - lastProgress >= interval) {
          lastProgress = performance.now()
          progress('walking')
        }
      }
      mapping.push({ source: root.abs, keyPrefix: `${prefix}${root.prefix ? `${root.prefix}/` : ''}`, files: tally.files - perRoot.files, bytes: tally.bytes - perRoot.bytes })
    }
    progress('probing')
    const probe = probeSamples(sample.files(), options.probeSeconds ?? 2, options.level ?? 3, options.signal)
    if (options.signal?.aborted) throw interrupted()
    const plan = buildPlan({ region, bucket, prefix, mapping, migrate, notMigrated, dirs: tally.dirs, probe, cores: availableParallelism(), cabinetBytes: options.cabinetBytes ?? DEFAULT_CABINET_BYTES })
    const core: ScanReportCore = {
      schema: SCAN_REPORT_SCHEMA,
      tool: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
      createdAt: new Date().toISOString(),
      sources: roots.map((r) => r.abs),
      durationMs: Math.round(performance.now() - started),
      totals: tally.totals(),
      sizeHistogram: tally.sizeHistogram(),
      categories: tally.categoryCounts(),
      topExtensions: tally.topExtensions('files'),
      topExtensionsByBytes: tally.topExtensions('bytes'),
      largestFiles: tally.largestFiles(),
      widestDirs: tally.widestDirs(),
      deepestPaths: tally.deepestPaths(),
      violationCounts,
      violationsTotal: violations.length,
      skippedTotal: skipped.length,
      plan,
    }
    return { core, violations, skipped, dispose }
  } catch (error) {
    dispose()
    throw error
  }
}

function countEntries(abs: string): number {
  try {
    return readdirSync(abs).length
  } catch {
    return 0
  }
}
