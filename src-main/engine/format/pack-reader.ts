import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { LcubeError } from '../errors'
import { counterNonce, open as openAead } from './aead'
import { fileKey, wipe } from './keys'
import { decodePackHeader, packFileName, packLabel, PACK_HEADER_BYTES } from './pack-format'
import { decodeRecordHeader, recordAad, RECORD_HEADER_BYTES, RecordType, type RecordHeader } from './record'

export type PackRecord = Readonly<{ offset: number; next: number; header: RecordHeader; plaintext: Buffer }>

export type PackEnd = Readonly<{ records: number; length: number; sha256: string }>

function corruptAt(pack: string, offset: number, en: string, zh: string): LcubeError {
  return new LcubeError('CORRUPT', { en: `Pack ${pack} at offset ${offset}: ${en}`, zh: `数据包 ${pack} 偏移 ${offset}：${zh}` })
}

/** Reads and authenticates records of one pack, at random offsets (restore) or in order (verify, recovery). */
export class PackReader {
  private constructor(
    readonly packNo: number,
    readonly name: string,
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly jobId: Buffer,
    readonly fileLength: number,
  ) {}

  static async open(packsDir: string, packNo: number, jobId: Buffer, dataKey: Buffer): Promise<PackReader> {
    const name = packFileName(packNo)
    const handle = await open(join(packsDir, name), 'r')
    try {
      const { size } = await handle.stat()
      const head = Buffer.alloc(PACK_HEADER_BYTES)
      await handle.read(head, 0, PACK_HEADER_BYTES, 0)
      const header = decodePackHeader(head, name)
      if (header.packNo !== packNo || !header.jobId.equals(jobId)) {
        throw corruptAt(name, 0, 'the pack belongs to another job or pack number', '数据包属于其他作业或编号不符')
      }
      return new PackReader(packNo, name, handle, fileKey(dataKey, header.salt, packLabel(packNo)), jobId, size)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  private async readExactly(length: number, position: number): Promise<Buffer | undefined> {
    if (position + length > this.fileLength) return undefined
    const buf = Buffer.alloc(length)
    const { bytesRead } = await this.handle.read(buf, 0, length, position)
    return bytesRead === length ? buf : undefined
  }

  /** Reads one record; `expectedSeq`, when given, must match (records cannot be reordered or dropped). */
  async readAt(offset: number, expectedSeq?: bigint): Promise<PackRecord> {
    const headBytes = await this.readExactly(RECORD_HEADER_BYTES, offset)
    const header = headBytes && decodeRecordHeader(headBytes)
    if (!headBytes || !header) throw corruptAt(this.name, offset, 'no intact record header (truncated or damaged)', '没有完整的记录头（被截断或损坏）')
    if (expectedSeq !== undefined && header.seq !== expectedSeq) {
      throw corruptAt(this.name, offset, `record number ${header.seq} where ${expectedSeq} was expected (records reordered or removed)`, `记录序号为 ${header.seq}，应为 ${expectedSeq}（记录被重排或删除）`)
    }
    const body = await this.readExactly(header.bodyLength, offset + RECORD_HEADER_BYTES)
    if (!body) throw corruptAt(this.name, offset, 'record body cut short (truncated pack)', '记录体不完整（数据包被截断）')
    const plaintext = openAead(this.key, counterNonce(header.seq), body, recordAad(headBytes, this.jobId, this.packNo))
    if (!plaintext) throw corruptAt(this.name, offset, 'record fails authentication (damaged or tampered)', '记录认证失败（已损坏或被篡改）')
    return { offset, next: offset + RECORD_HEADER_BYTES + header.bodyLength, header, plaintext }
  }

  /**
   * Every record in order up to `limit` bytes (default: the whole file), checking the record numbers.
   * With requireEnd, the pack must finish with a valid END record whose hash and count match.
   */
  async *scan(options: { limit?: number; requireEnd: boolean }): AsyncGenerator<PackRecord> {
    const limit = options.limit ?? this.fileLength
    const sha = createHash('sha256')
    sha.update((await this.readExactly(PACK_HEADER_BYTES, 0))!)
    let offset = PACK_HEADER_BYTES
    let seq = 0n
    let ended = false
    while (offset < limit) {
      const record = await this.readAt(offset, seq)
      if (record.header.type === RecordType.END) {
        const end = JSON.parse(record.plaintext.toString('utf8')) as PackEnd
        if (end.records !== Number(seq) || end.length !== offset || end.sha256 !== sha.digest('hex')) {
          throw corruptAt(this.name, offset, 'END record does not match the pack contents', 'END 记录与数据包内容不符')
        }
        if (record.next !== this.fileLength) throw corruptAt(this.name, record.next, 'bytes after the END record', 'END 记录之后还有多余数据')
        ended = true
        yield record
        break
      }
      const raw = await this.readExactly(record.next - offset, offset)
      sha.update(raw!)
      yield record
      offset = record.next
      seq += 1n
    }
    if (options.requireEnd && !ended) {
      throw corruptAt(this.name, offset, 'the pack ends without its END record (truncated)', '数据包缺少 END 记录（被截断）')
    }
    if (!options.requireEnd && offset !== limit) throw corruptAt(this.name, offset, `records end at ${offset}, expected ${limit}`, `记录结束于 ${offset}，应为 ${limit}`)
  }

  async close(): Promise<void> {
    wipe(this.key)
    await this.handle.close().catch(() => undefined)
  }
}
