import { mkdir, readdir, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { readIdentity, type CubeIdentity } from '../../device/identity'
import { directoryBytes } from '../../device/usage'
import { LcubeError } from '../errors'
import { createHeader, readHeader, unlockHeader, writeHeader, type JobHeader, type JobParams } from '../format/header'
import { scryptParamsForNewSlot, type ScryptParams } from '../format/kdf'
import { wipe } from '../format/keys'
import { deriveJobKeys, type JobKeys } from './job-keys'
import { JOBS_DIR, jobPaths, type JobPaths } from './job-paths'
import { join } from 'node:path'

export const DEFAULT_PART_BYTES = 8 * 1024 * 1024
export const DEFAULT_PACK_BYTES = 256 * 1024 * 1024
export const MAX_PACK_BYTES = 1024 * 1024 * 1024

export type OpenedJob = Readonly<{ header: JobHeader; keys: JobKeys; paths: JobPaths; created: boolean; primaryHeaderDamaged: boolean }>

/** The cube at dir, or the right error: gone (exit 5, maybe unplugged) or not a cube (exit 2). */
export async function requireCube(cubeDir: string): Promise<CubeIdentity> {
  try {
    if (!(await stat(cubeDir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
  } catch (error) {
    throw new LcubeError('DEVICE_MISSING', {
      en: `No cube at ${cubeDir} (${(error as NodeJS.ErrnoException).code ?? 'missing'}): is it plugged in and mounted? See lcube devices`,
      zh: `${cubeDir} 处没有设备（${(error as NodeJS.ErrnoException).code ?? '缺失'}）：设备是否已连接并挂载？请查看 lcube devices`,
    })
  }
  const read = await readIdentity(cubeDir)
  if (read.kind === 'ok') return read.identity
  if (read.kind === 'absent') {
    throw new LcubeError('BAD_INPUT', { en: `${cubeDir} is not a Lightning Cube (no lightning-cube.json); see lcube devices`, zh: `${cubeDir} 不是闪电立方（没有 lightning-cube.json）；请查看 lcube devices` })
  }
  throw new LcubeError('BAD_INPUT', { en: `The cube at ${cubeDir} is unrecognised: ${read.reason.en}`, zh: `${cubeDir} 处的设备无法识别：${read.reason.zh}` })
}

/** Bytes the quota of a simulated cube has left to give; undefined for a real cube (the volume decides). */
export async function cubeQuota(cubeDir: string, identity: CubeIdentity): Promise<{ capacityBytes: number; usedAtStart: number } | undefined> {
  if (!identity.simulated) return undefined
  return { capacityBytes: identity.capacityBytes, usedAtStart: await directoryBytes(cubeDir) }
}

export async function listJobNames(cubeDir: string): Promise<string[]> {
  const names = await readdir(join(cubeDir, JOBS_DIR)).catch(() => [] as string[])
  return names.sort()
}

export async function jobExists(paths: JobPaths): Promise<boolean> {
  return (await readdir(paths.jobDir).catch(() => [] as string[])).some((n) => n === 'header.json' || n === 'header.bak')
}

/** Opens an existing job with its password (wrong password: exit 3 after one KDF per slot). */
export async function openJob(cubeDir: string, jobName: string, password: string): Promise<OpenedJob> {
  const paths = jobPaths(cubeDir, jobName)
  if (!(await jobExists(paths))) {
    throw new LcubeError('NOT_FOUND', { en: `No job "${jobName}" on the cube at ${cubeDir}; see lcube status ${cubeDir}`, zh: `${cubeDir} 上没有作业“${jobName}”；请查看 lcube status ${cubeDir}` })
  }
  const { header, primaryDamaged } = await readHeader(paths.jobDir)
  const master = await unlockHeader(header, password)
  try {
    return { header, keys: deriveJobKeys(header, master), paths, created: false, primaryHeaderDamaged: primaryDamaged }
  } finally {
    wipe(master)
  }
}

/** Creates a new job: folders, header and its backup, written before any data. */
export async function createJob(cubeDir: string, jobName: string, password: string, options: { packTargetBytes?: number; partBytes?: number; kdf?: ScryptParams } = {}): Promise<OpenedJob> {
  const paths = jobPaths(cubeDir, jobName)
  const params: JobParams = { cipher: 'AES-256-GCM', compression: 'zstd', partBytes: options.partBytes ?? DEFAULT_PART_BYTES, packTargetBytes: options.packTargetBytes ?? DEFAULT_PACK_BYTES }
  const { header, master } = await createHeader({ jobId: randomBytes(16), jobName, params, password, kdf: options.kdf ?? scryptParamsForNewSlot() })
  try {
    await mkdir(paths.packs, { recursive: true })
    await mkdir(paths.index, { recursive: true })
    await writeHeader(paths.jobDir, header)
    return { header, keys: deriveJobKeys(header, master), paths, created: true, primaryHeaderDamaged: false }
  } finally {
    wipe(master)
  }
}
