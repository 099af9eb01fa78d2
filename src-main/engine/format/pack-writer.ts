import { createHash, type Hash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { syncDirectory } from '../atomic-write'
import { counterNonce, sealPieces, TAG_BYTES } from './aead'
import { fileKey, randomSecret, wipe } from './keys'
import { encodePackHeader, packFileName, packLabel, PACK_HEADER_BYTES } from './pack-format'
import { encodeRecordHeader, recordAad, RecordType, type RecordTypeValue } from './record'

const FLUSH_BYTES = 4 * 1024 * 1024

export type SealedPack = Readonly<{ packNo: number; length: number; records: number; sha256: string }>

/**
 * Appends encrypted records to one new pack. It owns the record counter, which is the nonce, and a
 * pack is never reopened for appending (a fresh salt, so a fresh key, for every pack): no nonce is
 * ever used twice under one key, also after a crash.
 */
export class PackWriter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private written: number
  private seq = 0n
  private readonly sha: Hash = createHash('sha256')
  /**
   * The first failed write or sync. Its records are gone from the buffer and may be half on disk, so the
   * pack takes nothing more: a later flush would write the next records where the lost ones belonged,
   * and a checkpoint would then vouch for a pack with a record missing. Recovery cuts at the last checkpoint.
   */
  private failure: unknown

  private constructor(
    readonly packNo: number,
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly jobId: Buffer,
  ) {
    this.written = PACK_HEADER_BYTES
  }

  static async create(packsDir: string, packNo: number, jobId: Buffer, dataKey: Buffer): Promise<PackWriter> {
    const salt = randomSecret(32)
    const path = join(packsDir, packFileName(packNo))
    const handle = await open(path, 'wx')
    try {
      const header = encodePackHeader({ packNo, jobId, salt })
      await handle.write(header, 0, header.length, 0)
      await handle.sync()
      await syncDirectory(packsDir)
      const writer = new PackWriter(packNo, path, handle, fileKey(dataKey, salt, packLabel(packNo)), jobId)
      writer.sha.update(header)
      return writer
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** Bytes in the pack once everything buffered is written. */
  get size(): number {
    return this.written + this.pendingBytes
  }

  get records(): number {
    return Number(this.seq)
  }

  /**
   * Encrypts one record into the write buffer; returns its offset in the pack. The plaintext may come in
   * pieces (a DATA record's segment table, then its payload): the record is their concatenation.
   */
  append(type: RecordTypeValue, flags: number, plaintext: Uint8Array | ReadonlyArray<Uint8Array>): number {
    if (this.failure) throw this.failure
    const pieces = plaintext instanceof Uint8Array ? [plaintext] : plaintext
    const offset = this.size
    const seq = this.seq
    this.seq += 1n
    const header = encodeRecordHeader({ type, flags, bodyLength: pieces.reduce((n, p) => n + p.length, 0) + TAG_BYTES, seq })
    const body = sealPieces(this.key, counterNonce(seq), pieces, recordAad(header, this.jobId, this.packNo))
    this.pending.push(header, ...body)
    this.pendingBytes += header.length + body.reduce((n, b) => n + b.length, 0)
    return offset
  }

  needsFlush(): boolean {
    return this.pendingBytes >= FLUSH_BYTES
  }

  /** One gathered write of everything buffered (no copy into one chunk first). */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure
    if (this.pendingBytes === 0) return
    try {
      await this.writePending()
    } catch (error) {
      this.failure = error
      throw error
    }
  }

  private async writePending(): Promise<void> {
    const buffers = this.pending
    const total = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    const { bytesWritten } = await this.handle.writev(buffers, this.written)
    if (bytesWritten < total) {
      // a short gathered write (rare): the rest goes out as plain writes
      const rest = Buffer.concat(buffers).subarray(bytesWritten)
      for (let at = 0; at < rest.length;) {
        const step = await this.handle.write(rest, at, rest.length - at, this.written + bytesWritten + at)
        if (step.bytesWritten === 0) throw Object.assign(new Error('the pack write made no progress'), { code: 'EIO' })
        at += step.bytesWritten
      }
    }
    for (const buffer of buffers) this.sha.update(buffer)
    this.written += total
  }

  /** Flushes and fdatasyncs: everything appended so far survives a power cut. Returns the durable length. */
  async sync(): Promise<{ offset: number; records: number }> {
    await this.flush()
    try {
      await this.handle.datasync()
    } catch (error) {
      // after a failed fsync the page cache may have dropped the pages: nothing written can be vouched for
      this.failure = error
      throw error
    }
    return { offset: this.written, records: this.records }
  }

  /** Writes the END record (count and SHA-256 of all bytes before it), syncs and closes. */
  async seal(): Promise<SealedPack> {
    await this.flush()
    const before = this.sha.copy().digest('hex')
    const records = this.records
    this.append(RecordType.END, 0, Buffer.from(JSON.stringify({ records, length: this.written, sha256: before })))
    await this.flush()
    await this.handle.sync()
    await this.close()
    return { packNo: this.packNo, length: this.written, records: records + 1, sha256: this.sha.digest('hex') }
  }

  /** Closes without sealing (a crash or stop); recovery seals what the journal proves durable. */
  async close(): Promise<void> {
    wipe(this.key)
    await this.handle.close().catch(() => undefined)
  }
}
