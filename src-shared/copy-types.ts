import type { ErrorData } from './errors'
import type { LocalizedText } from './localized'

export type CopyPhase = 'counting' | 'copying' | 'paused' | 'retrying' | 'finishing' | 'done' | 'stopped'

/** A sampled snapshot of a running copy (the CLI line, JSON lines, the app's chart). */
export type CopyProgress = {
  phase: CopyPhase
  filesTotal: number
  bytesTotal: number
  /** Files written and covered by a checkpoint: they survive a crash. */
  filesDurable: number
  filesProcessed: number
  bytesRead: number
  bytesOnCube: number
  alreadyDone: number
  alreadyDoneBytes: number
  skipped: number
  changed: number
  errors: number
  lastCheckpointAt: string | undefined
  elapsedMs: number
  current: string[]
}

export type SkipReasonCode = 'special' | 'symlink' | 'unreadable' | 'name' | 'length' | 'error' | 'changed'

export type SkippedItem = Readonly<{ path: string; code: SkipReasonCode; reason: LocalizedText }>

export type CopySummary = Readonly<{
  status: 'complete' | 'interrupted'
  jobName: string
  jobId: string
  keyFingerprint: string
  created: boolean
  files: number
  dirs: number
  bytesIn: number
  bytesOnCube: number
  alreadyDone: number
  skippedByReason: Readonly<Record<string, number>>
  /** The first 1,000 skipped, changed or failed items (all of them are in the job's encrypted records). */
  problems: ReadonlyArray<SkippedItem>
  changed: number
  errors: number
  durationMs: number
  notes: ReadonlyArray<LocalizedText>
  manifestEntries: number | undefined
}>

export type CopyRequest = Readonly<{
  sources: ReadonlyArray<string>
  cube: string
  job?: string
  /** Travels once to the service, straight into the KDF; never stored, logged or returned. */
  password: string
  threads?: number
  bwlimitBytesPerSecond?: number
  level?: number
  transferSymlinks?: boolean
  weakPasswordOk?: boolean
}>

export type ActiveCopy = Readonly<{
  job: string
  cube: string
  paused: boolean
  threads: number
  /** The read-rate cap in bytes per second, or null when uncapped. */
  bwlimit: number | null
  progress: CopyProgress | undefined
}>

export type CopyEvent =
  | Readonly<{ kind: 'progress'; job: string; cube: string; progress: CopyProgress; paused: boolean; bwlimit: number | null; threads: number; problems: ReadonlyArray<SkippedItem> }>
  | Readonly<{ kind: 'finished'; job: string; cube: string; summary: CopySummary }>
  | Readonly<{ kind: 'failed'; job: string; cube: string; error: ErrorData }>
