import { delimiter } from 'node:path'
import type { DeviceInfo } from '../../src-shared/device-types'
import {
  defaultMountRoots,
  detectDevices,
  envDevicePaths,
  windowsDriveRoots,
  type DetectOptions,
  type MountRoot,
} from './detect'
import { DeviceMonitor } from './monitor'
import { DeviceRegistry } from './registry'
import { userConfigDir } from '../engine/config-dir'

export type DeviceEnvironment = Readonly<{
  mountRoots: ReadonlyArray<MountRoot>
  mountTablePath: string | null
  fixedCandidates: ReadonlyArray<string>
  env: NodeJS.ProcessEnv
  registry: DeviceRegistry
  pollMs?: number
}>

/**
 * The platform's view of where cubes appear. LCUBE_MOUNT_ROOTS (a path list; a `@2` suffix looks two
 * levels deep, as /media/USER/VOLUME needs) replaces the OS mount roots and LCUBE_MOUNT_TABLE the
 * mount table ('' for none): tests and unusual set-ups inject them instead of touching /media.
 */
export function systemDeviceEnvironment(env: NodeJS.ProcessEnv = process.env): DeviceEnvironment {
  const platform = process.platform
  const customRoots = env.LCUBE_MOUNT_ROOTS
  const mountRoots = customRoots !== undefined ? parseMountRoots(customRoots) : defaultMountRoots(platform)
  const mountTablePath =
    env.LCUBE_MOUNT_TABLE !== undefined ? env.LCUBE_MOUNT_TABLE || null : platform === 'linux' ? '/proc/mounts' : null
  return {
    mountRoots,
    mountTablePath,
    fixedCandidates: customRoots !== undefined ? [] : windowsDriveRoots(platform),
    env,
    registry: new DeviceRegistry(userConfigDir(env)),
  }
}

export function parseMountRoots(value: string): MountRoot[] {
  return value
    .split(delimiter)
    .filter((p) => p.length > 0)
    .map((p) => (p.endsWith('@2') ? { dir: p.slice(0, -2), depth: 2 as const } : { dir: p, depth: 1 as const }))
}

export async function listDevices(environment: DeviceEnvironment, withUsage = true): Promise<DeviceInfo[]> {
  const options: DetectOptions = {
    mountRoots: environment.mountRoots,
    mountTablePath: environment.mountTablePath,
    fixedCandidates: environment.fixedCandidates,
    envPaths: envDevicePaths(environment.env),
    registeredPaths: await environment.registry.list(),
    withUsage,
  }
  return detectDevices(options)
}

export function createDeviceMonitor(environment: DeviceEnvironment): DeviceMonitor {
  return new DeviceMonitor({
    detect: (withUsage) => listDevices(environment, withUsage),
    watchRoots: environment.mountRoots.map((root) => root.dir),
    pollMs: environment.pollMs,
  })
}
