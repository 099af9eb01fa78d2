import { readFile, stat } from 'node:fs/promises'
import type { JobState, JobStatus } from '../../../src-shared/job-types'
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

/** What a job's unencrypted parts tell without the password: journal totals, packs, lock. */
export type { JobState, JobStatus }

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
