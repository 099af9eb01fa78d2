import type { LocalizedText } from '../../../src-shared/localized'
import type { SkipCode } from '../scan/walk'

export type CopyPhase = 'counting' | 'copying' | 'retrying' | 'finishing' | 'done' | 'stopped'

/** A sampled snapshot of a running copy (the CLI line, JSON lines, later the app's chart). */
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

export type SkippedItem = Readonly<{ path: string; code: SkipCode | 'error' | 'changed'; reason: LocalizedText }>

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
