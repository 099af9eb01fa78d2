import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'

export type TreeEntry = { type: 'file' | 'dir' | 'symlink'; size: number; sha256?: string; mtimeMs: number; target?: string }

/** Every entry under root with its content hash and mtime (ms), keyed by relative path: for exact comparisons. */
export async function treeDigest(root: string, options: { skip?: (rel: string) => boolean } = {}): Promise<Map<string, TreeEntry>> {
  const out = new Map<string, TreeEntry>()
  const visit = async (dir: string, prefix: string) => {
    for (const name of await readdir(dir)) {
      const rel = prefix ? `${prefix}/${name}` : name
      if (options.skip?.(rel)) continue
      const full = join(dir, name)
      const info = await lstat(full)
      if (info.isDirectory()) {
        out.set(rel, { type: 'dir', size: 0, mtimeMs: Math.floor(info.mtimeMs) })
        await visit(full, rel)
      } else if (info.isSymbolicLink()) out.set(rel, { type: 'symlink', size: 0, mtimeMs: 0, target: await readlink(full) })
      else if (info.isFile()) {
        const hash = createHash('sha256')
        // large files: hash in a stream so a multi-GiB sparse file does not need its size in memory
        if (info.size > 64 * 1024 * 1024) {
          const { createReadStream } = await import('node:fs')
          for await (const chunk of createReadStream(full, { highWaterMark: 8 * 1024 * 1024 })) hash.update(chunk as Buffer)
        } else hash.update(await readFile(full))
        out.set(rel, { type: 'file', size: info.size, sha256: hash.digest('hex'), mtimeMs: Math.floor(info.mtimeMs) })
      }
    }
  }
  await visit(root, '')
  return out
}

/** Deterministic bytes from a seed (xorshift): compressible when `text` is true, otherwise random-looking. */
export function seededBytes(seed: number, length: number, text = false): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0 || 1
  const words = ['lightning', 'cube', 'migration', 'oss', 'bucket', 'log', 'error', 'info', '2026-11-23', 'ok', '\n']
  if (text) {
    let at = 0
    while (at < length) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5
      at += out.write(`${words[(x >>> 0) % words.length]} `, at)
    }
    return out
  }
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    out.writeUInt32LE(x >>> 0, Math.min(i, length - 4))
  }
  return out
}
