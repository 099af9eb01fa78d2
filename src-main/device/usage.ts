import { opendir, statfs, lstat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CubeIdentity } from './identity'

export type CubeUsage = Readonly<{ usedBytes: number; freeBytes: number; fsTypeMagic: number }>

/**
 * Space on a cube. A real cube reports its volume's numbers. A simulated cube lives inside some
 * other volume, so its capacity is a quota: used = bytes of the files under it, free = what is left
 * of the quota, never more than the host volume really has.
 */
export async function cubeUsage(dir: string, identity: CubeIdentity): Promise<CubeUsage> {
  const fs = await statfs(dir)
  const volumeFree = fs.bavail * fs.bsize
  if (!identity.simulated) {
    const volumeTotal = fs.blocks * fs.bsize
    return { usedBytes: Math.max(0, volumeTotal - fs.bfree * fs.bsize), freeBytes: volumeFree, fsTypeMagic: fs.type }
  }
  const usedBytes = await directoryBytes(dir)
  return {
    usedBytes,
    freeBytes: Math.max(0, Math.min(identity.capacityBytes - usedBytes, volumeFree)),
    fsTypeMagic: fs.type,
  }
}

/** Logical bytes of all regular files below dir, streamed with opendir so memory stays flat. */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop()!
    let handle
    try {
      handle = await opendir(current)
    } catch {
      continue
    }
    for await (const entry of handle) {
      const full = join(current, entry.name)
      if (entry.isDirectory()) pending.push(full)
      else if (entry.isFile()) {
        try {
          total += (await lstat(full)).size
        } catch {
          // vanished between listing and stat: it no longer uses space
        }
      }
    }
  }
  return total
}
