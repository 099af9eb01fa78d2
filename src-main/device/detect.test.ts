import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceChange } from '../../src-shared/device-types'
import { tempDir, waitFor } from '../../test/helpers/temp'
import { detectDevices, type DetectOptions } from './detect'
import { createDeviceMonitor, type DeviceEnvironment } from './device-service'
import { DEFAULT_POLL_MS, type DeviceMonitor } from './monitor'
import { DeviceRegistry } from './registry'
import { createSimulatedCube } from './simulate'

const none: DetectOptions = { mountRoots: [], mountTablePath: null, fixedCandidates: [], envPaths: [], registeredPaths: [], withUsage: true }

const monitors: DeviceMonitor[] = []
afterEach(async () => {
  for (const monitor of monitors.splice(0)) await monitor.stop()
})

async function environment(overrides: Partial<DeviceEnvironment>): Promise<DeviceEnvironment> {
  return { mountRoots: [], mountTablePath: null, fixedCandidates: [], env: {}, registry: new DeviceRegistry(await tempDir()), pollMs: 300, ...overrides }
}

/** Starts a monitor and collects every change it reports. */
async function watchChanges(env: DeviceEnvironment): Promise<{ changes: DeviceChange[]; monitor: DeviceMonitor }> {
  const monitor = createDeviceMonitor(env)
  monitors.push(monitor)
  const changes: DeviceChange[] = []
  await monitor.start()
  monitor.onChange((_devices, batch) => changes.push(...batch))
  return { changes, monitor }
}

describe('detectDevices', () => {
  it('finds cubes under a mount root at depth 1 and 2, and ignores plain volumes', async () => {
    const root = await tempDir()
    await createSimulatedCube({ dir: join(root, 'cubeA'), model: 'mini' })
    await createSimulatedCube({ dir: join(root, 'alice', 'cubeB'), model: 'iii', cabinets: 2, capacityBytes: 1440e12 })
    await mkdir(join(root, 'usb-stick'))
    const shallow = await detectDevices({ ...none, mountRoots: [{ dir: root, depth: 1 }] })
    expect(shallow.map((d) => d.path)).toEqual([join(root, 'cubeA')])
    const deep = await detectDevices({ ...none, mountRoots: [{ dir: root, depth: 2 }] })
    expect(deep.map((d) => [d.path, d.model, d.expansionCabinets, d.capacityBytes, d.source])).toEqual([
      [join(root, 'alice', 'cubeB'), 'iii', 2, 1440e12, 'mount'],
      [join(root, 'cubeA'), 'mini', 0, 36e12, 'mount'],
    ])
  })

  it('reports space: used is the bytes written, free is what is left of the quota', async () => {
    const dir = join(await tempDir(), 'cube')
    const { identity } = await createSimulatedCube({ dir, model: 'ii', capacityBytes: 10_000_000 })
    await mkdir(join(dir, 'jobs'))
    await writeFile(join(dir, 'jobs', 'pack'), Buffer.alloc(1_000_000))
    const [device] = await detectDevices({ ...none, envPaths: [dir] })
    const identityBytes = JSON.stringify(identity, null, 2).length + 1
    expect(device).toMatchObject({ status: 'ok', simulated: true, usedBytes: 1_000_000 + identityBytes, freeBytes: 10_000_000 - 1_000_000 - identityBytes })
    expect(device!.fsType).not.toBe('')
  })

  it('lists a path once, naming the most deliberate source', async () => {
    const root = await tempDir()
    const dir = join(root, 'cube')
    await createSimulatedCube({ dir, model: 'ii' })
    const devices = await detectDevices({ ...none, mountRoots: [{ dir: root, depth: 1 }], envPaths: [dir], registeredPaths: [dir + '/'] })
    expect(devices.map((d) => [d.path, d.source])).toEqual([[dir, 'registered']])
  })

  it('reads the file system type from the mount table', async () => {
    const root = await tempDir()
    const dir = join(root, 'share with space')
    await createSimulatedCube({ dir, model: 'mini' })
    const table = join(root, 'mounts')
    await writeFile(table, `proc /proc proc rw 0 0\nserver:/export ${dir.replace(/ /g, '\\040')} nfs4 rw 0 0\n`)
    const devices = await detectDevices({ ...none, mountTablePath: table })
    expect(devices.map((d) => [d.path, d.fsType, d.source])).toEqual([[dir, 'nfs4', 'mount']])
  })
})

describe('device monitor', () => {
  it('polls often enough to report any change within 3 s, even when watching misses it', () => {
    // the 3 s promise rests on the poll period, not on chokidar; timing itself is not asserted here
    expect(DEFAULT_POLL_MS).toBeLessThanOrEqual(3000)
  })

  it('reports a cube appearing and disappearing under a mount root', async () => {
    const root = await tempDir()
    const { changes } = await watchChanges(await environment({ mountRoots: [{ dir: root, depth: 1 }] }))
    const dir = join(root, 'cube1')
    await createSimulatedCube({ dir, model: 'ii', serial: 'LC2-PLUG' })
    await waitFor(() => changes.find((c) => c.kind === 'plugged'), 10_000, 'plug event')
    expect(changes[0]).toMatchObject({ kind: 'plugged', device: { path: dir, serial: 'LC2-PLUG', status: 'ok' } })
    await rm(dir, { recursive: true })
    await waitFor(() => changes.find((c) => c.kind === 'unplugged'), 10_000, 'unplug event')
    expect(changes.map((c) => c.kind)).toEqual(['plugged', 'unplugged'])
  })

  it('reports a registered path whose cube comes and goes, and an identity going bad', async () => {
    const dir = join(await tempDir(), 'nfs-mount')
    const env = await environment({})
    await env.registry.add(dir)
    const { changes } = await watchChanges(env)
    await createSimulatedCube({ dir, model: 'mini', serial: 'LCM-REG' })
    await waitFor(() => changes.find((c) => c.kind === 'plugged'), 10_000, 'plug event')
    expect(changes[0]!.device).toMatchObject({ path: dir, source: 'registered', model: 'mini' })
    await writeFile(join(dir, 'lightning-cube.json'), 'garbage')
    await waitFor(() => changes.find((c) => c.kind === 'changed'), 10_000, 'change event')
    expect(changes[1]!.device).toMatchObject({ status: 'unrecognised', reason: { en: 'lightning-cube.json is not valid JSON' } })
    await rm(dir, { recursive: true })
    await waitFor(() => changes.find((c) => c.kind === 'unplugged'), 10_000, 'unplug event')
    expect(changes.map((c) => c.kind)).toEqual(['plugged', 'changed', 'unplugged'])
  })

  it('does not report space changes as device changes', async () => {
    const dir = join(await tempDir(), 'cube')
    await createSimulatedCube({ dir, model: 'mini' })
    const { changes, monitor } = await watchChanges(await environment({ env: { LCUBE_DEVICE_PATHS: dir } }))
    await writeFile(join(dir, 'data'), Buffer.alloc(4096))
    await monitor.refresh()
    await monitor.refresh()
    expect(changes).toEqual([])
  })
})
