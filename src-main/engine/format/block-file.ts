import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { syncDirectory } from '../atomic-write'
import { zstdCompress, zstdDecompress } from '../codec/zstd'
import { LcubeError } from '../errors'
import { counterNonce, open as openAead, seal } from './aead'
import { pathSortKey, type FileEntry } from './entry'
import { fileKey, randomSecret, wipe } from './keys'

/**
 * Sorted, encrypted lists of file entries: a pack's index and the job manifest. Entries are grouped into
 * blocks (zstd-compressed JSON lines, each sealed with AES-256-GCM), so readers stream them in order
 * with memory bounded by one block, and merges of many files stay small whatever the file count.
 */
export const BLOCK_MAGIC = Buffer.from('LCUBIDX1')
export const TRAILER_MAGIC = Buffer.from('LCUBIEND')
const HEADER_BYTES = 64
const TRAILER_BYTES = 12
const BLOCK_ENTRIES = 1000
const BLOCK_JSON_BYTES = 256 * 1024
const FOOTER_NONCE = 0xffffffff

export const BlockFileKind = { PACK_INDEX: 1, MANIFEST: 2 } as const
export type BlockFileKindValue = (typeof BlockFileKind)[keyof typeof BlockFileKind]

export type BlockFooter<Info> = Readonly<{ blocks: number; entries: number; info: Info }>

function label(kind: BlockFileKindValue, packNo: number): string {
  return kind === BlockFileKind.MANIFEST ? 'lcube/v1/manifest' : `lcube/v1/index/${packNo}`
}

function aad(header: Buffer, counter: number, isFooter: boolean): Buffer {
  const tail = Buffer.alloc(5)
  tail.writeUInt32BE(counter, 0)
  tail.writeUInt8(isFooter ? 1 : 0, 4)
  return Buffer.concat([header, tail])
}

function corrupt(file: string, en: string, zh: string): LcubeError {
  return new LcubeError('CORRUPT', { en: `${file}: ${en}`, zh: `${file}：${zh}` })
}

export class BlockFileWriter<Info> {
  private lines: string[] = []
  private lineBytes = 0
  private blocks = 0
  private entries = 0
  private offset = HEADER_BYTES
  private last: Buffer | undefined

  private constructor(
    private readonly path: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
    private readonly header: Buffer,
    private readonly key: Buffer,
  ) {}

  /** Writes to a temp file beside `path`; finish() renames it into place. */
  static async create<Info>(path: string, kind: BlockFileKindValue, packNo: number, jobId: Buffer, purposeKey: Buffer): Promise<BlockFileWriter<Info>> {
    const salt = randomSecret(32)
    const header = Buffer.alloc(HEADER_BYTES)
    BLOCK_MAGIC.copy(header, 0)
    header.writeUInt16BE(1, 8)
    header.writeUInt8(kind, 10)
    header.writeUInt32BE(packNo, 12)
    jobId.copy(header, 16)
    salt.copy(header, 32)
    const tmp = join(dirname(path), `.${basename(path)}.${salt.subarray(0, 4).toString('hex')}.tmp`)
    const handle = await open(tmp, 'w')
    await handle.write(header, 0, HEADER_BYTES, 0)
    return new BlockFileWriter<Info>(path, tmp, handle, header, fileKey(purposeKey, salt, label(kind, packNo)))
  }

  /** Entries must come in path order; a later entry for the same path is refused (merge first). */
  async add(entry: FileEntry): Promise<void> {
    const key = pathSortKey(entry.path)
    if (this.last !== undefined && Buffer.compare(this.last, key) >= 0) {
      throw new Error(`block file entries out of order at ${JSON.stringify(entry.path)}`)
    }
    this.last = key
    const line = JSON.stringify(entry)
    this.lines.push(line)
    this.lineBytes += line.length
    this.entries += 1
    if (this.lines.length >= BLOCK_ENTRIES || this.lineBytes >= BLOCK_JSON_BYTES) await this.writeBlock()
  }

  private async writeSealed(plaintext: Buffer, counter: number, isFooter: boolean): Promise<void> {
    const sealed = seal(this.key, counterNonce(counter), plaintext, aad(this.header, counter, isFooter))
    const framed = Buffer.alloc(4 + sealed.length)
    framed.writeUInt32BE(sealed.length, 0)
    sealed.copy(framed, 4)
    await this.handle.write(framed, 0, framed.length, this.offset)
    this.offset += framed.length
  }

  private async writeBlock(): Promise<void> {
    if (this.lines.length === 0) return
    const raw = Buffer.from(this.lines.join('\n'), 'utf8')
    this.lines = []
    this.lineBytes = 0
    const packed = zstdCompress(raw, 3)
    const plain = Buffer.alloc(4 + packed.length)
    plain.writeUInt32BE(raw.length, 0)
    plain.set(packed, 4)
    await this.writeSealed(plain, this.blocks, false)
    this.blocks += 1
  }

  /** Footer, trailer, fsync, rename, fsync of the directory: the file appears complete or not at all. */
  async finish(info: Info): Promise<void> {
    await this.writeBlock()
    const footerAt = this.offset
    await this.writeSealed(Buffer.from(JSON.stringify({ blocks: this.blocks, entries: this.entries, info })), FOOTER_NONCE, true)
    const trailer = Buffer.alloc(TRAILER_BYTES)
    TRAILER_MAGIC.copy(trailer, 0)
    trailer.writeUInt32BE(footerAt, 8)
    await this.handle.write(trailer, 0, TRAILER_BYTES, this.offset)
    await this.handle.sync()
    await this.handle.close()
    wipe(this.key)
    await rename(this.tmp, this.path)
    await syncDirectory(dirname(this.path))
  }

  async abort(): Promise<void> {
    wipe(this.key)
    await this.handle.close().catch(() => undefined)
    await rm(this.tmp, { force: true })
  }
}

export type BlockFileReader<Info> = Readonly<{
  footer: BlockFooter<Info>
  entries(): AsyncGenerator<FileEntry>
  close(): Promise<void>
}>

/** Opens and authenticates the footer first, so a truncated or swapped file is refused before use. */
export async function openBlockFile<Info>(path: string, kind: BlockFileKindValue, packNo: number, jobId: Buffer, purposeKey: Buffer): Promise<BlockFileReader<Info>> {
  const name = basename(path)
  const handle = await open(path, 'r')
  let key: Buffer | undefined
  try {
    const { size } = await handle.stat()
    if (size < HEADER_BYTES + TRAILER_BYTES) throw corrupt(name, 'file too short (truncated)', '文件过短（被截断）')
    const header = Buffer.alloc(HEADER_BYTES)
    await handle.read(header, 0, HEADER_BYTES, 0)
    if (!header.subarray(0, 8).equals(BLOCK_MAGIC) || header.readUInt16BE(8) !== 1 || header.readUInt8(10) !== kind) {
      throw corrupt(name, 'not an index of the expected kind (bad magic, version or kind)', '不是预期类型的索引（标识、版本或类型错误）')
    }
    if (header.readUInt32BE(12) !== packNo || !header.subarray(16, 32).equals(jobId)) {
      throw corrupt(name, 'the index belongs to another pack or job (replayed or swapped)', '索引属于其他数据包或作业（被重放或替换）')
    }
    key = fileKey(purposeKey, header.subarray(32, 64), label(kind, packNo))
    const trailer = Buffer.alloc(TRAILER_BYTES)
    await handle.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES)
    if (!trailer.subarray(0, 8).equals(TRAILER_MAGIC)) throw corrupt(name, 'missing trailer (truncated)', '缺少结尾标记（被截断）')
    const footerAt = trailer.readUInt32BE(8)
    const readSealed = async (at: number, counter: number, limit: number): Promise<{ plain: Buffer; next: number }> => {
      const lengthBytes = Buffer.alloc(4)
      if (at + 4 > limit) throw corrupt(name, `block ${counter} missing (truncated)`, `缺少第 ${counter} 块（被截断）`)
      await handle.read(lengthBytes, 0, 4, at)
      const length = lengthBytes.readUInt32BE(0)
      if (length < 16 || at + 4 + length > limit) throw corrupt(name, `block ${counter} length is damaged`, `第 ${counter} 块长度已损坏`)
      const sealed = Buffer.alloc(length)
      await handle.read(sealed, 0, length, at + 4)
      const plain = openAead(key!, counterNonce(counter), sealed, aad(header, counter, counter === FOOTER_NONCE))
      if (!plain) throw corrupt(name, `block ${counter === FOOTER_NONCE ? 'footer' : counter} fails authentication (damaged or tampered)`, `${counter === FOOTER_NONCE ? '尾部' : `第 ${counter} 块`}认证失败（已损坏或被篡改）`)
      return { plain, next: at + 4 + length }
    }
    const footerRead = await readSealed(footerAt, FOOTER_NONCE, size - TRAILER_BYTES)
    if (footerRead.next !== size - TRAILER_BYTES) throw corrupt(name, 'bytes between footer and trailer', '尾部与结尾标记之间有多余数据')
    const footer = JSON.parse(footerRead.plain.toString('utf8')) as BlockFooter<Info>
    return {
      footer,
      async *entries() {
        let at = HEADER_BYTES
        for (let block = 0; block < footer.blocks; block += 1) {
          const { plain, next } = await readSealed(at, block, footerAt)
          at = next
          const raw = zstdDecompress(plain.subarray(4), plain.readUInt32BE(0))
          for (const line of Buffer.from(raw).toString('utf8').split('\n')) yield JSON.parse(line) as FileEntry
        }
        if (at !== footerAt) throw corrupt(name, 'bytes between the last block and the footer', '最后一块与尾部之间有多余数据')
      },
      async close() {
        wipe(key)
        await handle.close().catch(() => undefined)
      },
    }
  } catch (error) {
    wipe(key)
    await handle.close().catch(() => undefined)
    throw error
  }
}
