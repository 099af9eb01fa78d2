import type { CubeModel } from './device-types'

/** Version tag of the scan report document (docs/REPORTS.md, docs/schemas/scan-report.v1.schema.json). */
export const SCAN_REPORT_SCHEMA = 'lcube.scan/1'

export const FILE_CATEGORIES = ['documents', 'images', 'video', 'audio', 'archives', 'databases', 'logs', 'code', 'other'] as const
export type FileCategory = (typeof FILE_CATEGORIES)[number]

/** Rule identifiers of the requirement list (DESIGN.md §3). */
export const SCAN_RULES = [
  'special-file',
  'symlink',
  'hard-link',
  'suid-sgid-sticky',
  'invalid-utf8-name',
  'dir-name-length',
  'file-name-length',
  'path-length',
  'oss-key-length',
] as const
export type ScanRule = (typeof SCAN_RULES)[number]

export type ScanViolation = Readonly<{ path: string; rule: ScanRule; detail: string; detailZh: string; migrated: boolean }>
export type ScanSkip = Readonly<{ path: string; reason: string; reasonZh: string }>

export type CountBytes = { files: number; bytes: number }
export type SizeBucket = Readonly<{ label: string; minBytes: number; maxBytes: number | null; files: number; bytes: number }>
export type NamedCount = Readonly<{ name: string; files: number; bytes: number }>
export type PathSize = Readonly<{ path: string; bytes: number }>
export type PathCount = Readonly<{ path: string; entries: number }>
export type PathDepth = Readonly<{ path: string; depth: number }>

export type ScanTotals = {
  files: number
  bytes: number
  dirs: number
  emptyDirs: number
  symlinks: number
  specialFiles: number
  averageFileBytes: number
  medianFileBytes: number
  /** True when the median is exact; above a million files it is read from fine log buckets (±3 %). */
  medianExact: boolean
  oldestMtime: string | null
  newestMtime: string | null
  hardLinkedFiles: number
  hardLinkExtraBytes: number
}

export type CubeCount = Readonly<{ model: CubeModel; capacityBytes: number; usableBytes: number; devices: number; expansionCabinets: number }>

export type ScanPlan = {
  region: string | null
  bucket: string | null
  prefix: string
  mapping: Array<{ source: string; keyPrefix: string; files: number; bytes: number }>
  migrate: CountBytes
  notMigrated: CountBytes
  compression: { sampledFiles: number; sampledBytes: number; ratio: number }
  estimatedCubeBytes: number
  cubes: CubeCount[]
  recommended: { model: CubeModel; devices: number; expansionCabinets: number }
  readProbe: { bytes: number; seconds: number; bytesPerSecond: number | null }
  estimatedCopySeconds: number
  assumptions: Array<{ en: string; zh: string }>
}

export type ScanReportCore = {
  schema: typeof SCAN_REPORT_SCHEMA
  tool: { name: string; version: string }
  createdAt: string
  sources: string[]
  durationMs: number
  totals: ScanTotals
  sizeHistogram: SizeBucket[]
  categories: Array<NamedCount & { name: FileCategory }>
  topExtensions: NamedCount[]
  topExtensionsByBytes: NamedCount[]
  largestFiles: PathSize[]
  widestDirs: PathCount[]
  deepestPaths: PathDepth[]
  violationCounts: Partial<Record<ScanRule, number>>
  violationsTotal: number
  skippedTotal: number
  plan: ScanPlan
}

/** The whole report: the core plus every violation and skipped entry (streamed from disk when large). */
export type ScanReport = ScanReportCore & { violations: ScanViolation[]; skipped: ScanSkip[] }

export type ScanProgress = Readonly<{ phase: 'walking' | 'sampling' | 'probing'; files: number; dirs: number; bytes: number; elapsedMs: number; filesPerSecond: number; currentDir: string }>
