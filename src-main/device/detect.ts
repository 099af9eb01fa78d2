import { readdir } from 'node:fs/promises'
import { delimiter, join, resolve } from 'node:path'
import type { DeviceInfo, DeviceSource } from '../../src-shared/device-types'
import { readIdentity, type IdentityRead } from './identity'
import { fsTypeFromMagic, fsTypeFromTable, isPseudoFs, readMountTable, type MountEntry } from './mount-table'
import { cubeUsage } from './usage'

/** A directory whose children (depth 1) or grandchildren (depth 2) may be mounted cubes. */
export type MountRoot = Readonly<{ dir: string; depth: 1 | 2 }>

export type DetectOptions = Readonly<{
  mountRoots: ReadonlyArray<MountRoot>
  /** Linux /proc/mounts; null where the platform has none. */
  mountTablePath: string | null
  /** Explicit candidates: Windows drive roots. */
  fixedCandidates: ReadonlyArray<string>
  envPaths: ReadonlyArray<string>
  registeredPaths: ReadonlyArray<string>
  /** Space figures walk simulated cubes; the monitor's frequent polls leave them out. */
  withUsage: boolean
}>

export function defaultMountRoots(platform: NodeJS.Platform = process.platform): MountRoot[] {
  if (platform === 'darwin') return [{ dir: '/Volumes', depth: 1 }]
  if (platform === 'win32') return []
  return [
    { dir: '/media', depth: 2 },
    { dir: '/run/media', depth: 2 },
    { dir: '/mnt', depth: 1 },
  ]
}

export function windowsDriveRoots(platform: NodeJS.Platform = process.platform): string[] {
  if (platform !== 'win32') return []
  return Array.from({ length: 24 }, (_, i) => `${String.fromCharCode(67 + i)}:\\`)
}

export function envDevicePaths(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.LCUBE_DEVICE_PATHS ?? '')
    .split(delimiter)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
}

async function childDirs(dir: string, depth: number): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name))
  if (depth <= 1) return dirs
  const nested = await Promise.all(dirs.map((d) => childDirs(d, depth - 1)))
  return [...dirs, ...nested.flat()]
}

/** A hung network mount must not stall detection; such a candidate is skipped this round. */
function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise(fallback), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolvePromise(value)
      },
      () => {
        clearTimeout(timer)
        resolvePromise(fallback)
      },
    )
  })
}

type Candidate = { path: string; source: DeviceSource }

async function gatherCandidates(options: DetectOptions, table: ReadonlyArray<MountEntry>): Promise<Candidate[]> {
  const bySource = new Map<string, DeviceSource>()
  const add = (path: string, source: DeviceSource) => {
    const absolute = resolve(path)
    // registered > env > mount: the most deliberate source is the one reported
    const rank = { mount: 0, env: 1, registered: 2 } as const
    const previous = bySource.get(absolute)
    if (!previous || rank[source] > rank[previous]) bySource.set(absolute, source)
  }
  for (const entry of table) if (!isPseudoFs(entry)) add(entry.mountPoint, 'mount')
  const rooted = await Promise.all(options.mountRoots.map((root) => childDirs(root.dir, root.depth)))
  for (const dir of rooted.flat()) add(dir, 'mount')
  for (const path of options.fixedCandidates) add(path, 'mount')
  for (const path of options.envPaths) add(path, 'env')
  for (const path of options.registeredPaths) add(path, 'registered')
  return [...bySource].map(([path, source]) => ({ path, source }))
}

const NO_RESPONSE: IdentityRead = {
  kind: 'bad',
  reason: { en: 'the volume did not answer within 2 s', zh: '卷在 2 秒内没有响应' },
}

/** Lists Lightning Cubes: every candidate whose root holds an identity file, sorted by path. */
export async function detectDevices(options: DetectOptions): Promise<DeviceInfo[]> {
  const table = options.mountTablePath ? await readMountTable(options.mountTablePath) : []
  const candidates = await gatherCandidates(options, table)
  const devices = await Promise.all(
    candidates.map(async ({ path, source }) => {
      const read = await withTimeout(readIdentity(path), 2000, NO_RESPONSE)
      if (read.kind === 'absent') return undefined
      return describeDevice(path, source, read, table, options.withUsage)
    }),
  )
  return devices.filter((d): d is DeviceInfo => d !== undefined).sort((a, b) => a.path.localeCompare(b.path))
}

async function describeDevice(
  path: string,
  source: DeviceSource,
  read: Exclude<IdentityRead, { kind: 'absent' }>,
  table: ReadonlyArray<MountEntry>,
  withUsage: boolean,
): Promise<DeviceInfo> {
  const tableType = fsTypeFromTable(path, table)
  if (read.kind === 'bad') {
    return { path, status: 'unrecognised', reason: read.reason, fsType: tableType ?? 'unknown', simulated: false, source }
  }
  const { identity } = read
  const base = {
    path,
    status: 'ok' as const,
    model: identity.model,
    serial: identity.serial,
    capacityBytes: identity.capacityBytes,
    expansionCabinets: identity.expansionCabinets,
    simulated: identity.simulated,
    source,
  }
  if (!withUsage) return { ...base, fsType: tableType ?? 'unknown' }
  try {
    const usage = await cubeUsage(path, identity)
    return {
      ...base,
      usedBytes: usage.usedBytes,
      freeBytes: usage.freeBytes,
      fsType: tableType ?? fsTypeFromMagic(usage.fsTypeMagic),
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    return {
      path,
      status: 'unrecognised',
      reason: { en: `cannot read free space: ${code}`, zh: `无法读取剩余空间：${code}` },
      fsType: tableType ?? 'unknown',
      simulated: identity.simulated,
      source,
    }
  }
}
