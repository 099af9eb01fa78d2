import { parentPort } from 'node:worker_threads'
import { compressionPays, isIncompressibleName } from '../codec/compress-policy'
import { initZstd, zstdCompress } from '../codec/zstd'
import { createCrc64, FileHasher } from '../hash'
import { finishSource, openSource, readChunk } from './read-source'
import type { ReadOutcome, WorkerRequest, WorkerResponse } from './worker-protocol'

/** Parts in flight per file before the worker waits for the writer: bounds memory at 2 parts per worker. */
const PART_WINDOW = 2

const port = parentPort!
await initZstd()
const crc = await createCrc64()
let acked = 0
let waiter: (() => void) | undefined

function post(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer)
}

/**
 * An ArrayBuffer holding exactly these bytes, to transfer: the bytes' own when they fill it (a whole part
 * read in store mode: no copy), else a fresh one, so a transfer never drags a larger backing store along.
 * The bytes given are unusable afterwards.
 */
function own(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer
  const out = new ArrayBuffer(bytes.length)
  new Uint8Array(out).set(bytes)
  return out
}

/** Bytes tried first when the part before did not compress: random data is then skipped for 0.8 % of the work. */
const PROBE_BYTES = 64 * 1024

/**
 * Level 0 is store mode: no compression at all. With `probe`, a part is compressed only if its first
 * 64 KiB do: a file of alternating text and random runs (a database dump) gets the text compressed and
 * the random runs skipped cheaply, instead of either being given up on.
 */
function maybeCompress(raw: Uint8Array, level: number, allowed: boolean, probe = false): { payload: Uint8Array; compressed: boolean } {
  if (!allowed || level === 0 || raw.length < 64) return { payload: raw, compressed: false }
  if (probe && raw.length > 4 * PROBE_BYTES && !compressionPays(PROBE_BYTES, zstdCompress(raw.subarray(0, PROBE_BYTES), level).length)) {
    return { payload: raw, compressed: false }
  }
  const packed = zstdCompress(raw, level)
  return compressionPays(raw.length, packed.length) ? { payload: packed, compressed: true } : { payload: raw, compressed: false }
}

function handleBatch(request: Extract<WorkerRequest, { type: 'batch' }>): void {
  const chunks: Buffer[] = []
  const files: Array<{ fileSeq: number; length: number; outcome: ReadOutcome }> = []
  let compressible = false
  for (const file of request.files) {
    const source = openSource(file.abs, file.identity)
    if (!('fd' in source)) {
      files.push({ fileSeq: file.fileSeq, length: 0, outcome: source })
      continue
    }
    const hasher = new FileHasher(crc)
    // one byte more than the size: a file that grew is caught here, not silently cut
    const data = readChunk(source.fd, source.size + 1, 0)
    hasher.update(data)
    const outcome = finishSource(source, data.length, () => hasher.digest())
    if (outcome.status === 'ok') {
      chunks.push(data)
      if (!isIncompressibleName(file.name)) compressible = true
      files.push({ fileSeq: file.fileSeq, length: data.length, outcome })
    } else files.push({ fileSeq: file.fileSeq, length: 0, outcome })
  }
  const raw = Buffer.concat(chunks)
  const { payload, compressed } = maybeCompress(raw, request.level, compressible)
  const buffer = own(payload)
  post({ type: 'batch-done', id: request.id, payload: buffer, compressed, rawLength: raw.length, files }, [buffer])
}

async function handleFile(request: Extract<WorkerRequest, { type: 'file' }>): Promise<void> {
  acked = 0
  const source = openSource(request.file.abs, request.file.identity)
  if (!('fd' in source)) {
    post({ type: 'file-done', id: request.id, outcome: source, parts: 0 })
    return
  }
  const hasher = new FileHasher(crc)
  const allowCompression = !isIncompressibleName(request.file.name)
  let missed = false
  let position = 0
  let partNo = 0
  let posted = 0
  // a resumed file: its first parts are on the cube already; they are read again only to be hashed
  const resume = request.resume
  if (resume) {
    while (position < resume.bytes) {
      const data = readChunk(source.fd, Math.min(request.partBytes, resume.bytes - position), position)
      if (data.length === 0) break
      hasher.update(data)
      position += data.length
    }
    partNo = resume.parts
  }
  for (;;) {
    const data = readChunk(source.fd, request.partBytes, position)
    if (data.length === 0 && partNo > 0) break
    hasher.update(data)
    position += data.length
    // after a part that did not shrink, the next is probed before it is compressed
    const { payload, compressed } = maybeCompress(data, request.level, allowCompression, missed)
    missed = !compressed
    while (posted - acked >= PART_WINDOW) await new Promise<void>((resolve) => (waiter = resolve))
    const rawLength = data.length
    // transferred, possibly without a copy: data is not touched after this
    const buffer = own(payload)
    post({ type: 'part', id: request.id, partNo, payload: buffer, compressed, rawLength }, [buffer])
    partNo += 1
    posted += 1
    if (rawLength < request.partBytes) break
  }
  const outcome = finishSource(source, position, () => hasher.digest())
  while (acked < posted) await new Promise<void>((resolve) => (waiter = resolve))
  post({ type: 'file-done', id: request.id, outcome, parts: partNo })
}

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'ack') {
    acked += 1
    const wake = waiter
    waiter = undefined
    wake?.()
    return
  }
  try {
    if (request.type === 'batch') handleBatch(request)
    else void handleFile(request).catch((error: unknown) => post({ type: 'failed', id: request.id, message: String((error as Error)?.message ?? error) }))
  } catch (error) {
    post({ type: 'failed', id: request.id, message: String((error as Error)?.message ?? error) })
  }
})
