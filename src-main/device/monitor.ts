import { existsSync } from 'node:fs'
import { watch, type FSWatcher } from 'chokidar'
import type { DeviceChange, DeviceInfo } from '../../src-shared/device-types'

/** Any plug or unplug is seen within this period even when file watching misses it (network mounts). */
export const DEFAULT_POLL_MS = 1500

export type DevicesListener = (devices: ReadonlyArray<DeviceInfo>, changes: ReadonlyArray<DeviceChange>) => void

export type MonitorOptions = Readonly<{
  /** Lists devices; withUsage=false is the cheap form used for polling. */
  detect: (withUsage: boolean) => Promise<DeviceInfo[]>
  /** Folders where volumes appear (mount roots); watching them only triggers an early poll. */
  watchRoots: ReadonlyArray<string>
  pollMs?: number
}>

/** What identifies a device state; space figures change constantly during a copy and are left out. */
function fingerprint(device: DeviceInfo): string {
  return JSON.stringify([device.status, device.reason?.en, device.model, device.serial, device.capacityBytes, device.expansionCabinets])
}

export function diffDevices(before: ReadonlyArray<DeviceInfo>, after: ReadonlyArray<DeviceInfo>, at: Date): DeviceChange[] {
  const old = new Map(before.map((d) => [d.path, d]))
  const now = new Map(after.map((d) => [d.path, d]))
  const stamp = at.toISOString()
  const changes: DeviceChange[] = []
  for (const device of after) {
    const previous = old.get(device.path)
    if (!previous) changes.push({ kind: 'plugged', device, at: stamp })
    else if (fingerprint(previous) !== fingerprint(device)) changes.push({ kind: 'changed', device, at: stamp })
  }
  for (const device of before) {
    if (!now.has(device.path)) changes.push({ kind: 'unplugged', device, at: stamp })
  }
  return changes
}

/**
 * Watches for cubes being plugged and unplugged. A periodic poll is the source of truth (watchers
 * miss network mounts and some removable media); chokidar on the mount roots just polls sooner.
 */
export class DeviceMonitor {
  private readonly options: MonitorOptions
  private readonly listeners = new Set<DevicesListener>()
  private current: DeviceInfo[] = []
  private timer: NodeJS.Timeout | undefined
  private watcher: FSWatcher | undefined
  private running: Promise<void> | undefined
  private again = false
  private debounce: NodeJS.Timeout | undefined

  constructor(options: MonitorOptions) {
    this.options = options
  }

  /** Starts watching and returns the first full listing. */
  async start(): Promise<ReadonlyArray<DeviceInfo>> {
    this.current = await this.options.detect(true)
    const roots = this.options.watchRoots.filter((root) => existsSync(root))
    if (roots.length > 0) {
      this.watcher = watch(roots, { depth: 1, ignoreInitial: true, persistent: false })
      this.watcher.on('all', () => this.soon())
      this.watcher.on('error', () => undefined)
    }
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs ?? DEFAULT_POLL_MS)
    return this.current
  }

  get devices(): ReadonlyArray<DeviceInfo> {
    return this.current
  }

  onChange(listener: DevicesListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Polls now; overlapping calls are folded into one extra run. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.poll().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        void this.refresh()
      }
    })
    return this.running
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    clearTimeout(this.debounce)
    this.listeners.clear()
    await this.watcher?.close()
    await this.running
  }

  private soon(): void {
    clearTimeout(this.debounce)
    this.debounce = setTimeout(() => void this.refresh(), 150)
  }

  private async poll(): Promise<void> {
    let quick: DeviceInfo[]
    try {
      quick = await this.options.detect(false)
    } catch {
      return
    }
    const changes = diffDevices(this.current, quick, new Date())
    if (changes.length === 0) return
    // only a real change pays for the space figures
    const full = await this.options.detect(true).catch(() => quick)
    const fullChanges = diffDevices(this.current, full, new Date())
    this.current = full
    if (fullChanges.length === 0) return
    for (const listener of this.listeners) listener(full, fullChanges)
  }
}
