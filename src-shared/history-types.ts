import type { LocalizedText } from './localized'

export const HISTORY_KINDS = ['scan', 'copy', 'verify', 'compare'] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

/** findings: the work finished and found something to act on (violations, differences, issues). */
export type HistoryOutcome = 'running' | 'ok' | 'findings' | 'interrupted' | 'failed'

export type HistoryLogLine = Readonly<{ at: string; text: LocalizedText }>

/** One past operation of the app, with its log and the reports exported from it. Never holds a password. */
export type HistoryEntry = Readonly<{
  id: string
  kind: HistoryKind
  startedAt: string
  finishedAt?: string
  outcome: HistoryOutcome
  /** What it worked on: sources, cube and job, or the comparison target. */
  sources: ReadonlyArray<string>
  cube?: string
  job?: string
  target?: string
  summary?: LocalizedText
  reports: ReadonlyArray<string>
  log: ReadonlyArray<HistoryLogLine>
}>

export type FolderListing = Readonly<{ path: string; parent: string | null; dirs: ReadonlyArray<string>; truncated: boolean }>
