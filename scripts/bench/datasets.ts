// Seeded, deterministic benchmark datasets: the same bytes on every run and machine.
import { mkdir, open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { xorshift32 } from '../../src-main/engine/xorshift'

export type Dataset = { name: 'mixed' | 'small' | 'large'; label: string; dir: string; files: number; bytes: number }

const MiB = 1024 * 1024
const WORDS = ['GET', 'POST', '/api/v1/orders', '/static/app.js', 'status=200', 'status=404', 'user=alice', 'user=bob', 'latency_ms=', 'region=cn-hangzhou', 'INFO', 'WARN', 'ERROR', 'request_id=', 'bytes=', '订单', '支付成功', 'cache=hit', 'cache=miss']

const rng = xorshift32

/** Log-like text: compresses about 5–8× with zstd, like real application logs. */
export function textBytes(seed: number, length: number): Buffer {
  const next = rng(seed)
  const parts: string[] = []
  let size = 0
  let line = 0
  while (size < length) {
    const t = `2026-11-${String(1 + (line % 28)).padStart(2, '0')}T${String(line % 24).padStart(2, '0')}:${String(next() % 60).padStart(2, '0')}:${String(next() % 60).padStart(2, '0')}Z`
    const words = Array.from({ length: 6 + (next() % 6) }, () => {
      const w = WORDS[next() % WORDS.length]!
      return w.endsWith('=') ? `${w}${next() % 100000}` : w
    })
    const text = `${t} ${words.join(' ')}\n`
    parts.push(text)
    size += Buffer.byteLength(text)
    line += 1
  }
  return Buffer.from(parts.join('')).subarray(0, length)
}

/** Incompressible bytes (photos, video, archives stand-ins). */
export function randomBytes(seed: number, length: number): Buffer {
  const next = rng(seed)
  const out = Buffer.allocUnsafe(length)
  let i = 0
  for (; i + 4 <= length; i += 4) out.writeUInt32LE(next(), i)
  for (; i < length; i += 1) out[i] = next() & 0xff
  return out
}

async function writeLarge(path: string, bytes: number, seed: number, kind: 'text' | 'random'): Promise<void> {
  const file = await open(path, 'w')
  try {
    for (let at = 0, chunk = 0; at < bytes; at += 16 * MiB, chunk += 1) {
      const n = Math.min(16 * MiB, bytes - at)
      await file.write(kind === 'text' ? textBytes(seed * 1000 + chunk, n) : randomBytes(seed * 1000 + chunk, n))
    }
  } finally {
    await file.close()
  }
}

/** (a) mixed large files: half log text, half random. Full 2 GiB in 32 files; quick 1/10. */
export async function mixedDataset(root: string, scale: number): Promise<Dataset> {
  const dir = join(root, 'mixed')
  await mkdir(dir, { recursive: true })
  const count = 32
  const each = Math.round((2048 * MiB * scale) / count)
  for (let i = 0; i < count; i += 1) await writeLarge(join(dir, `${i % 2 ? 'video' : 'app'}-${i}.${i % 2 ? 'bin' : 'log'}`), each, i + 1, i % 2 ? 'random' : 'text')
  return { name: 'mixed', label: `(a) ${count} mixed large files`, dir, files: count, bytes: count * each }
}

/** (b) small files of 1–64 KiB, half text, half random, 1,000 per folder. Full 100,000; quick 10,000. */
export async function smallDataset(root: string, scale: number): Promise<Dataset> {
  const dir = join(root, 'small')
  const count = Math.round(100_000 * scale)
  const next = rng(42)
  let bytes = 0
  for (let i = 0; i < count; i += 1) {
    if (i % 1000 === 0) await mkdir(join(dir, `d${String(i / 1000).padStart(3, '0')}`), { recursive: true })
    const size = 1024 + (next() % (63 * 1024))
    // every file its own content: slices of one buffer would let solid archivers dedupe the whole set
    const data = i % 2 ? randomBytes(10_000 + i, size) : textBytes(10_000 + i, size)
    await writeFile(join(dir, `d${String(Math.floor(i / 1000)).padStart(3, '0')}`, `f${i}.${i % 2 ? 'dat' : 'txt'}`), data)
    bytes += size
  }
  return { name: 'small', label: `(b) ${count.toLocaleString('en-US')} small files (1–64 KiB)`, dir, files: count, bytes }
}

/** (c) one large file, log text and random in alternating 16 MiB runs. Full 4 GiB; quick 1/10. */
export async function largeDataset(root: string, scale: number): Promise<Dataset> {
  const dir = join(root, 'large')
  await mkdir(dir, { recursive: true })
  const bytes = Math.round(4096 * MiB * scale)
  const file = await open(join(dir, 'database-dump.bin'), 'w')
  try {
    for (let at = 0, chunk = 0; at < bytes; at += 16 * MiB, chunk += 1) {
      const n = Math.min(16 * MiB, bytes - at)
      await file.write(chunk % 2 ? randomBytes(900 + chunk, n) : textBytes(900 + chunk, n))
    }
  } finally {
    await file.close()
  }
  return { name: 'large', label: `(c) one ${Math.round(bytes / MiB).toLocaleString('en-US')} MiB file`, dir, files: 1, bytes }
}
