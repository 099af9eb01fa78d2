import type { LocalizedText } from './localized'

export type JobState = 'complete' | 'copying' | 'interrupted' | 'damaged'

/** What a job's unencrypted parts tell without the password (lcube status, the History screen). */
export type JobStatus = Readonly<{
  name: string
  jobId?: string
  createdAt?: string
  keyFingerprint?: string
  state: JobState
  filesDone: number
  bytesDone: number
  filesTotal?: number
  bytesTotal?: number
  packs: number
  bytesOnCube: number
  lastCheckpointAt?: string
  writer?: Readonly<{ pid: number; host: string }>
  problem?: string
}>

/**
 * The printable hand-over sheet for the migration ticket: identifies the job, the device and the key
 * by fingerprint. It never carries the password or anything derived from it that could stand in for it.
 */
export type HandoverSheet = Readonly<{
  jobName: string
  jobId: string
  keyFingerprint: string
  keySlots: number
  createdAt: string
  state: JobState
  filesDone: number
  bytesDone: number
  device: Readonly<{ path: string; serial: string | null; model: string | null; simulated: boolean }>
  generatedAt: string
}>

export type VerifyIssueKind = 'corrupt' | 'differ' | 'missing' | 'extra' | 'not-copied' | 'incomplete'

export const VERIFY_ISSUE_KINDS: ReadonlyArray<VerifyIssueKind> = ['corrupt', 'differ', 'missing', 'extra', 'not-copied', 'incomplete']

export type VerifyIssue = Readonly<{ kind: VerifyIssueKind; path?: string; detail: LocalizedText }>

export type VerifyProgress = Readonly<{ files: number; bytes: number; current: string }>

export type VerifyResult = Readonly<{
  jobName: string
  packsChecked: number
  filesChecked: number
  bytesChecked: number
  sampled: boolean
  counts: Readonly<Record<VerifyIssueKind, number>>
  /** The first 1,000 issues. */
  issues: ReadonlyArray<VerifyIssue>
  durationMs: number
}>
