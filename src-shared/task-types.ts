/**
 * Scan, verify and compare run in the service as tasks: started with a request, reported as sampled
 * progress events, finished with a result the UI pages through and exports.
 */
import type { CompareCategory, CompareMode, CompareProgress, CompareReportCore, CompareRow } from './compare-types'
import type { ErrorData } from './errors'
import type { VerifyIssue, VerifyProgress, VerifyResult } from './job-types'
import type { ScanProgress, ScanReportCore, ScanSkip, ScanViolation } from './scan-types'

export const TASK_KINDS = ['scan', 'verify', 'compare'] as const
export type TaskKind = (typeof TASK_KINDS)[number]

export type ScanRequest = Readonly<{
  sources: ReadonlyArray<string>
  prefix?: string
  bucket?: string
  region?: string
  transferSymlinks?: boolean
  /** Seconds for the read-speed probe and compression trial; 0 skips them. */
  probeSeconds?: number
}>

export type VerifyRequest = Readonly<{
  cube: string
  job: string
  /** Travels once to the service, straight into the KDF; never stored, logged or returned. */
  password: string
  sources?: ReadonlyArray<string>
  samplePercent?: number
}>

export type CompareRequest = Readonly<{
  sources: ReadonlyArray<string>
  /** cube:PATH[#JOB], s3://bucket/prefix, an inventory manifest.json, a listing file or a directory. */
  against: string
  mode?: CompareMode
  prefix?: string
  endpoint?: string
  job?: string
  /** Only for a cube target. */
  password?: string
}>

export type TaskProgressOf = { scan: ScanProgress; verify: VerifyProgress; compare: CompareProgress }
export type TaskResultOf = { scan: ScanReportCore; verify: VerifyResult; compare: CompareReportCore }

export type TaskEvent = {
  [K in TaskKind]:
    | Readonly<{ id: string; task: K; kind: 'progress'; progress: TaskProgressOf[K] }>
    | Readonly<{ id: string; task: K; kind: 'finished'; result: TaskResultOf[K] }>
    | Readonly<{ id: string; task: K; kind: 'failed'; error: ErrorData }>
}[TaskKind]

export type TaskRef = Readonly<{ id: string }>

/** The long lists a finished task keeps on disk: scan violations and skipped entries, verify issues, compare categories. */
export type TaskList = 'violations' | 'skipped' | 'issues' | CompareCategory
export type TaskRow = ScanViolation | ScanSkip | VerifyIssue | CompareRow

export const MAX_PAGE_ROWS = 1000

export type TaskRowsRequest = Readonly<{ id: string; list: TaskList; offset: number; limit: number }>
export type TaskRows = Readonly<{ total: number; offset: number; rows: ReadonlyArray<TaskRow> }>

export const EXPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export type ExportRequest = Readonly<{ id: string; format: ExportFormat }>
export type ExportResult = Readonly<{ files: ReadonlyArray<string> }>

export type TaskStarted = Readonly<{ id: string }>
