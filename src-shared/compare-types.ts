import type { LocalizedText } from './localized'

/** Version tag of the comparison report (docs/REPORTS.md, docs/schemas/compare-report.v1.schema.json). */
export const COMPARE_REPORT_SCHEMA = 'lcube.compare/1'

export const COMPARE_CATEGORIES = ['match', 'differ', 'missingInTarget', 'extraInTarget', 'error'] as const
export type CompareCategory = (typeof COMPARE_CATEGORIES)[number]

export const COMPARE_MODES = ['size', 'hash', 'full'] as const
export type CompareMode = (typeof COMPARE_MODES)[number]

export type CompareTargetKind = 'cube' | 'directory' | 'inventory' | 'listing' | 's3'

/** What proved a match: bytes compared, or the hashes that agreed; 'size' alone never makes a source safe to delete. */
export type MatchedBy = 'bytes' | 'sha256' | 'md5' | 'crc64' | 'md5+crc64' | 'size'

export type Checksums = { md5?: string; crc64?: string; sha256?: string; etag?: string }

export type CompareRow = {
  category: CompareCategory
  /** Path as the source (or, for extras, the target) names it, in copy's layout. */
  path: string
  /** The target's name for it: object key, cube path or file path. */
  key: string
  sourceSize: number | null
  targetSize: number | null
  matchedBy: MatchedBy | null
  source: Checksums | null
  target: Checksums | null
  detail: string
  detailZh: string
}

export type CategoryTotals = Record<CompareCategory, number>

export type CompareSummary = CategoryTotals & {
  /** Bytes per category: source sizes, and target sizes for extras. */
  bytes: CategoryTotals
  matchedBy: Record<MatchedBy, number>
  sourceFiles: number
  targetObjects: number
}

export type CompareReportCore = {
  schema: typeof COMPARE_REPORT_SCHEMA
  tool: { name: string; version: string }
  createdAt: string
  sources: string[]
  target: { kind: CompareTargetKind; location: string; prefix: string }
  mode: CompareMode
  durationMs: number
  summary: CompareSummary
  safeToDelete: boolean
  /** Why the verdict is what it is, in both languages. */
  verdict: LocalizedText[]
  /** What the reader must know: fallbacks taken, entries not compared. */
  notes: LocalizedText[]
}

export type CompareReport = CompareReportCore & { entries: Record<CompareCategory, CompareRow[]> }

export type CompareProgress = Readonly<{ sourceFiles: number; targetObjects: number; checkedBytes: number; elapsedMs: number; current: string }>
