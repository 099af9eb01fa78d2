import { readdir, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname } from 'node:path'
import type { FolderListing } from '../../src-shared/history-types'
import type { HandoverSheet, JobStatus } from '../../src-shared/job-types'
import { LcubeError } from '../engine/errors'
import { readHeader } from '../engine/format/header'
import { keyFingerprint } from '../engine/format/keys'
import { cubeStatus, jobStatus } from '../engine/job/job-status'
import { jobPaths } from '../engine/job/job-paths'
import { jobExists, requireCube } from '../engine/job/open-job'
import { changeKeySlots } from '../engine/job/passwd'
import type { ScryptParams } from '../engine/format/kdf'

export async function listJobs(cube: string): Promise<JobStatus[]> {
  await requireCube(cube)
  return cubeStatus(cube)
}

async function requireJob(cube: string, job: string): Promise<void> {
  await requireCube(cube)
  if (!(await jobExists(jobPaths(cube, job)))) {
    throw new LcubeError('NOT_FOUND', { en: `No job "${job}" on the cube at ${cube}`, zh: `${cube} 处的设备上没有作业“${job}”` })
  }
}

/** Everything the ticket needs to name the job and its key; read from the unencrypted header, no password involved. */
export async function handoverSheet(cube: string, job: string): Promise<HandoverSheet> {
  await requireJob(cube, job)
  const identity = await requireCube(cube)
  const { header } = await readHeader(jobPaths(cube, job).jobDir)
  const status = await jobStatus(cube, job)
  return {
    jobName: header.jobName,
    jobId: header.jobId,
    keyFingerprint: keyFingerprint(Buffer.from(header.keyCheck, 'base64')),
    keySlots: header.slots.length,
    createdAt: header.createdAt,
    state: status.state,
    filesDone: status.filesDone,
    bytesDone: status.bytesDone,
    device: { path: cube, serial: identity.serial, model: identity.model, simulated: identity.simulated },
    generatedAt: new Date().toISOString(),
  }
}

export async function changeJobPassword(request: { cube: string; job: string; password: string; newPassword: string; weakPasswordOk?: boolean }, kdf: ScryptParams): Promise<{ keySlots: number }> {
  await requireJob(request.cube, request.job)
  const header = await changeKeySlots(request.cube, request.job, request.password, { kind: 'change', newPassword: request.newPassword }, { weakOk: request.weakPasswordOk === true, kdf })
  return { keySlots: header.slots.length }
}

/** Folder names a browser UI needs for its own folder picker (a browser cannot see absolute paths). */
const MAX_FOLDERS = 2000

export async function listFolder(path: string | undefined): Promise<FolderListing> {
  const dir = path ?? homedir()
  let info
  try {
    info = await stat(dir)
  } catch (error) {
    throw new LcubeError('NOT_FOUND', { en: `Cannot open ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, zh: `无法打开 ${dir}：${(error as NodeJS.ErrnoException).code ?? '错误'}` })
  }
  if (!info.isDirectory()) throw new LcubeError('BAD_INPUT', { en: `${dir} is not a folder`, zh: `${dir} 不是文件夹` })
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    throw new LcubeError('BAD_INPUT', { en: `Cannot list ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, zh: `无法列出 ${dir}：${(error as NodeJS.ErrnoException).code ?? '错误'}` })
  }
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((a, b) => a.localeCompare(b))
  const parent = dirname(dir)
  return { path: dir, parent: parent === dir ? null : parent, dirs: dirs.slice(0, MAX_FOLDERS), truncated: dirs.length > MAX_FOLDERS }
}

