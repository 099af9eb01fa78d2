import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../engine/atomic-write'
import { userConfigDir } from '../engine/config-dir'

/** Paths the user registered with `lcube device add`, kept in the user's config dir. */
export class DeviceRegistry {
  readonly file: string

  constructor(configDir: string = userConfigDir()) {
    this.file = join(configDir, 'devices.json')
  }

  async list(): Promise<string[]> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { paths?: unknown }
      return Array.isArray(parsed.paths) ? parsed.paths.filter((p): p is string => typeof p === 'string') : []
    } catch {
      return []
    }
  }

  async add(path: string): Promise<string[]> {
    const absolute = resolve(path)
    const paths = await this.list()
    if (!paths.includes(absolute)) paths.push(absolute)
    await this.save(paths)
    return paths
  }

  /** Returns whether the path was registered. */
  async remove(path: string): Promise<boolean> {
    const absolute = resolve(path)
    const paths = await this.list()
    const kept = paths.filter((p) => p !== absolute)
    if (kept.length === paths.length) return false
    await this.save(kept)
    return true
  }

  private async save(paths: string[]): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`)
  }
}
