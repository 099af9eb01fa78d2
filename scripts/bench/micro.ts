// Stage micro-benchmarks: each stage of the copy pipeline alone, so the bottleneck has a name.
import { createCipheriv, createHash, randomBytes as cryptoRandom } from 'node:crypto'
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { initZstd, nativeZstdAvailable, zstdCompress } from '../../src-main/engine/codec/zstd'
import { createCrc64 } from '../../src-main/engine/hash'
import { walkSource } from '../../src-main/engine/scan/walk'
import { textBytes } from './datasets'

export type Micro = { stage: string; value: number; unit: string; note?: string }

const MiB = 1024 * 1024

function rate(bytes: number, started: number): number {
  return bytes / MiB / ((performance.now() - started) / 1000)
}

export async function microBenchmarks(scanDir: string, work: string): Promise<Micro[]> {
  await initZstd()
  const out: Micro[] = []
  // scan: the same walk as copy and scan, lstat per entry; run twice, the second warm
  for (const pass of ['cold-ish', 'warm']) {
    const started = performance.now()
    let entries = 0
    for await (const item of walkSource(scanDir, { transferSymlinks: false })) if (item.kind !== 'skip') entries += 1
    out.push({ stage: `scan (walk + lstat, ${pass})`, value: Math.round(entries / ((performance.now() - started) / 1000)), unit: 'files/s' })
  }
  const text = textBytes(5, 64 * MiB)
  const big = Buffer.concat([text, text, text, text]) // 256 MiB
  let started = performance.now()
  createHash('sha256').update(big).digest()
  out.push({ stage: 'SHA-256 (node:crypto)', value: rate(big.length, started), unit: 'MiB/s' })
  const crc = await createCrc64()
  started = performance.now()
  crc.update(big)
  crc.digest('hex')
  out.push({ stage: 'CRC-64 (hash-wasm)', value: rate(big.length, started), unit: 'MiB/s' })
  started = performance.now()
  let packed = 0
  for (let at = 0; at < text.length; at += 8 * MiB) packed += zstdCompress(text.subarray(at, at + 8 * MiB), 3).length
  out.push({ stage: `zstd level 3 (${nativeZstdAvailable() ? 'node:zlib' : 'WASM'}), log text`, value: rate(text.length, started), unit: 'MiB/s', note: `ratio ${(packed / text.length).toFixed(3)}` })
  const key = cryptoRandom(32)
  started = performance.now()
  for (let at = 0; at < big.length; at += 4 * MiB) {
    const cipher = createCipheriv('aes-256-gcm', key, cryptoRandom(12))
    cipher.update(big.subarray(at, at + 4 * MiB))
    cipher.final()
  }
  out.push({ stage: 'AES-256-GCM (node:crypto), 4 MiB records', value: rate(big.length, started), unit: 'MiB/s' })
  const file = join(work, 'pack-write.bin')
  const fd = openSync(file, 'w')
  started = performance.now()
  for (let at = 0; at < big.length; at += 4 * MiB) writeSync(fd, big, at, 4 * MiB)
  fdatasyncSync(fd)
  closeSync(fd)
  out.push({ stage: 'pack write (4 MiB writes + fdatasync)', value: rate(big.length, started), unit: 'MiB/s' })
  rmSync(file, { force: true })
  return out.map((m) => ({ ...m, value: m.unit === 'MiB/s' ? Math.round(m.value) : m.value }))
}
