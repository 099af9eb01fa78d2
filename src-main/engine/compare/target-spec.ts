import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { LcubeError } from '../errors'
import { requireCube } from '../job/open-job'
import { pickJob } from '../job/pick-job'
import { normalizeKeyPrefix } from '../oss-key'
import { openCubeTarget } from './cube-target'
import { openDirectoryTarget } from './directory-target'
import type { HashPool } from './hash-pool'
import { openInventoryTarget } from './inventory-target'
import { openListingTarget } from './listing-target'
import { openS3Target } from './s3-target'
import type { TargetSession } from './target-entry'

export type TargetOptions = Readonly<{
  prefix?: string
  endpoint?: string
  job?: string
  env: NodeJS.ProcessEnv
  /** Asked only when the target is a cube. */
  password: () => Promise<string>
  pool: HashPool
}>

async function looksLikeInventory(path: string): Promise<boolean> {
  if (basename(path).toLowerCase() === 'manifest.json') return true
  if (!path.toLowerCase().endsWith('.json')) return false
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown
    return typeof parsed === 'object' && parsed !== null && 'fileSchema' in parsed
  } catch {
    return false
  }
}

/**
 * Opens what --against names: cube:PATH[#JOB], s3://bucket/prefix (or oss://), an inventory manifest.json,
 * a listing file, or a directory.
 */
export async function openTarget(spec: string, options: TargetOptions): Promise<TargetSession> {
  const cube = /^cube:(.+?)(?:#([^#]+))?$/.exec(spec)
  if (cube) {
    if (options.prefix) throw new LcubeError('USAGE', { en: '--prefix does not apply to a cube: its paths are the source paths', zh: '--prefix 不适用于设备：其路径即源路径' })
    const dir = resolve(cube[1]!)
    await requireCube(dir)
    const job = await pickJob(dir, cube[2] ?? options.job)
    return openCubeTarget(dir, job, await options.password())
  }
  const s3 = /^(s3|oss):\/\/([^/]+)\/?(.*)$/.exec(spec)
  if (s3) {
    if (s3[3] && options.prefix) throw new LcubeError('USAGE', { en: `Give the prefix once: in ${spec} or with --prefix`, zh: `前缀只能指定一次：在 ${spec} 中或用 --prefix` })
    return openS3Target(s3[2]!, normalizeKeyPrefix(s3[3] || options.prefix), options.endpoint, options.env)
  }
  const path = resolve(spec)
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new LcubeError('BAD_INPUT', { en: `Target ${path} cannot be read: ${error.code}`, zh: `目标 ${path} 无法读取：${error.code}` })
  })
  if (info.isDirectory()) return openDirectoryTarget(path, normalizeKeyPrefix(options.prefix), options.pool)
  const prefix = normalizeKeyPrefix(options.prefix)
  return (await looksLikeInventory(path)) ? openInventoryTarget(path, prefix) : openListingTarget(path, prefix)
}
