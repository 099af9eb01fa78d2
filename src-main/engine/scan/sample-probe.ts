import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { compressionPays, isIncompressibleName } from '../codec/compress-policy'
import { zstdCompress } from '../codec/zstd'
import { xorshift32 } from '../xorshift'
import { TopList } from './top-list'

export type SampleFile = Readonly<{ abs: string; size: number }>

/** A fixed seed makes the sample, and so the estimate, the same for the same tree. */
function seededRandom(seed: number): () => number {
  const next = xorshift32(seed)
  return () => next() / 0x1_0000_0000
}

/**
 * Weighted reservoir sampling (Efraimidis–Spirakis A-Res): files drawn with probability proportional to
 * size, k kept in O(k) memory: the files that hold most of the bytes are almost surely in the sample.
 */
export class SizeWeightedSample {
  private readonly top: TopList<SampleFile>
  private readonly random = seededRandom(0x5eed)

  constructor(size: number) {
    this.top = new TopList(size)
  }

  offer(abs: string, size: number): void {
    if (size <= 0) return
    const key = Math.log(this.random() || Number.MIN_VALUE) / size
    this.top.offer(key, () => ({ abs, size }))
  }

  files(): SampleFile[] {
    return this.top.sorted()
  }
}

const CHUNK = 1024 * 1024
const PER_FILE_READ_CAP = 64 * CHUNK

export type ProbeResult = {
  sampledFiles: number
  sampledBytes: number
  /** Compressed size over original size of the sampled first MiBs, the way copy stores them. */
  ratio: number
  readBytes: number
  readSeconds: number
  /** Bytes per second one core hashes, compresses and encrypts (SHA-256 + zstd + AES-GCM), measured here. */
  pipelineBytesPerSecondPerCore: number | null
}

/**
 * The speed test and the compression trial in one pass over the sample: reads each file in 1 MiB chunks
 * (timing only the reads) until the time budget is spent, and runs the first MiB of each through the copy
 * pipeline's own steps to measure the ratio and the per-core processing speed on this data.
 */
export function probeSamples(samples: ReadonlyArray<SampleFile>, seconds: number, level: number, signal?: AbortSignal): ProbeResult {
  const buffer = Buffer.allocUnsafe(CHUNK)
  const key = randomBytes(32)
  let ratioSum = 0
  let weightSum = 0
  let sampled = 0
  let sampledBytes = 0
  let readBytes = 0
  let readNs = 0n
  let pipelineBytes = 0
  let pipelineNs = 0n
  const deadline = performance.now() + seconds * 1000
  for (const sample of samples) {
    // a budget of 0 means no probe at all (lcube scan --probe-seconds 0, the app's unchecked box)
    if (signal?.aborted || seconds <= 0) break
    let fd: number
    try {
      fd = openSync(sample.abs, 'r')
    } catch {
      continue
    }
    try {
      let offset = 0
      while (offset < Math.min(sample.size, PER_FILE_READ_CAP)) {
        const started = process.hrtime.bigint()
        const n = readSync(fd, buffer, 0, CHUNK, offset)
        readNs += process.hrtime.bigint() - started
        if (n === 0) break
        if (offset === 0) {
          const chunk = buffer.subarray(0, n)
          const t0 = process.hrtime.bigint()
          createHash('sha256').update(chunk).digest()
          const packed = isIncompressibleName(sample.abs) ? chunk : zstdCompress(chunk, level)
          const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12))
          cipher.update(packed)
          cipher.final()
          pipelineNs += process.hrtime.bigint() - t0
          pipelineBytes += n
          // Weighted by file size as well as drawn by it: without replacement, a few files that hold most
          // bytes are each drawn once, and an unweighted mean would let many small files outvote them.
          ratioSum += (compressionPays(n, packed.length) ? packed.length / n : 1) * sample.size
          weightSum += sample.size
          sampled += 1
          sampledBytes += n
        }
        offset += n
        readBytes += n
        if (performance.now() > deadline) break
      }
    } finally {
      closeSync(fd)
    }
    if (performance.now() > deadline) break
  }
  key.fill(0)
  return {
    sampledFiles: sampled,
    sampledBytes,
    ratio: weightSum > 0 ? ratioSum / weightSum : 1,
    readBytes,
    readSeconds: Number(readNs) / 1e9,
    pipelineBytesPerSecondPerCore: pipelineNs > 0n ? pipelineBytes / (Number(pipelineNs) / 1e9) : null,
  }
}
