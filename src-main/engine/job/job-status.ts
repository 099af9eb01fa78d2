import { readFile, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { durableTotals, readJournal } from '../format/journal'
import { readHeader } from '../format/header'
import { keyFingerprint } from '../format/keys'
import { packFileName } from '../format/pack-format'
import { LOCK_FILE, processAlive } from './lock'
import { jobPaths } from './job-paths'
import { listJobNames } from './open-job'
import { listPackNumbers } from './pack-index'

export type JobState = 'complete' | 'copying' | 'interrupted' | 'damaged'

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

/** What a job's unencrypted parts tell without the password: journal totals, packs, lock. */
export async function jobStatus(cubeDir: string, name: string): Promise<JobStatus> {
  const paths = jobPaths(cubeDir, name)
  let header
  try {
    header = (await readHeader(paths.jobDir)).header
  } catch (error) {
    return { name, state: 'damaged', filesDone: 0, bytesDone: 0, packs: 0, bytesOnCube: 0, problem: (error as Error).message }
  }
  const { records } = await readJournal(paths.journal)
  const totals = durableTotals(records)
  const plan = [...records].reverse().find((r) => r.t === 'plan')
  const last = records[records.length - 1]
  const packs = await listPackNumbers(paths)
  let bytesOnCube = 0
  for (const packNo of packs) bytesOnCube += (await stat(join(paths.packs, packFileName(packNo))).catch(() => ({ size: 0 }))).size
  let writer: { pid: number; host: string } | undefined
  try {
    const lock = JSON.parse(await readFile(join(paths.jobDir, LOCK_FILE), 'utf8')) as { pid: number; host: string }
    const alive = lock.host !== hostname() || processAlive(lock.pid)
    if (alive) writer = { pid: lock.pid, host: lock.host }
  } catch {
    writer = undefined
  }
  const state: JobState = writer ? 'copying' : last?.t === 'done' ? 'complete' : 'interrupted'
  return {
    name,
    jobId: header.jobId,
    createdAt: header.createdAt,
    keyFingerprint: keyFingerprint(Buffer.from(header.keyCheck, 'base64')),
    state,
    filesDone: totals.files,
    bytesDone: totals.bytes,
    ...(plan && plan.t === 'plan' ? { filesTotal: plan.files, bytesTotal: plan.bytes } : {}),
    packs: packs.length,
    bytesOnCube,
    ...(totals.at ? { lastCheckpointAt: totals.at } : {}),
    ...(writer ? { writer } : {}),
  }
}

export async function cubeStatus(cubeDir: string): Promise<JobStatus[]> {
  const names = await listJobNames(cubeDir)
  return Promise.all(names.map((name) => jobStatus(cubeDir, name)))
}
