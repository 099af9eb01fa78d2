import { zstdDecompress } from '../codec/zstd'
import { LcubeError } from '../errors'
import type { FileEntry, PartRef } from '../format/entry'
import { PackReader } from '../format/pack-reader'
import { decodeDataPlaintext, RecordFlag, RecordType, type Segment } from '../format/record'
import type { JobKeys } from '../job/job-keys'
import type { JobPaths } from '../job/job-paths'

type DecodedRecord = { pack: number; offset: number; segments: Segment[]; starts: number[]; payload: Uint8Array }

/**
 * Reads file bytes back from packs. Small files share a record, so the last decoded record is kept:
 * restoring a batch of 1,000 files decrypts and decompresses it once. A large file's next part is read
 * while the caller hashes and writes the current one. Memory: two records.
 */
export class PartReader {
  private readonly packs = new Map<number, PackReader>()
  private last: DecodedRecord | undefined
  /** The one record being read ahead; nothing else reads while it is in flight (pack eviction is safe). */
  private ahead: { pack: number; offset: number; decoded: Promise<DecodedRecord> } | undefined

  constructor(private readonly paths: JobPaths, private readonly keys: JobKeys) {}

  private async pack(packNo: number): Promise<PackReader> {
    let reader = this.packs.get(packNo)
    if (!reader) {
      if (this.packs.size >= 16) {
        const [oldest, old] = this.packs.entries().next().value as [number, PackReader]
        this.packs.delete(oldest)
        await old.close()
      }
      reader = await PackReader.open(this.paths.packs, packNo, this.keys.jobId, this.keys.data)
      this.packs.set(packNo, reader)
    }
    return reader
  }

  private async record(packNo: number, offset: number): Promise<DecodedRecord> {
    if (this.last?.pack === packNo && this.last.offset === offset) return this.last
    const ahead = this.ahead
    this.ahead = undefined
    if (ahead?.pack === packNo && ahead.offset === offset) return (this.last = await ahead.decoded)
    // read ahead for nothing (the caller stopped early): let it finish before another read
    await ahead?.decoded.catch(() => undefined)
    this.last = await this.decode(packNo, offset)
    return this.last
  }

  private readAhead(packNo: number, offset: number): void {
    if ((this.last?.pack === packNo && this.last.offset === offset) || this.ahead) return
    const decoded = this.decode(packNo, offset)
    // its error, if any, is the caller's when it asks for this record
    decoded.catch(() => undefined)
    this.ahead = { pack: packNo, offset, decoded }
  }

  private async decode(packNo: number, offset: number): Promise<DecodedRecord> {
    const reader = await this.pack(packNo)
    const record = await reader.readAt(offset)
    const decoded = record.header.type === RecordType.DATA ? decodeDataPlaintext(record.plaintext) : undefined
    if (!decoded) throw new LcubeError('CORRUPT', { en: `Pack ${reader.name} at offset ${offset}: not a data record`, zh: `数据包 ${reader.name} 偏移 ${offset}：不是数据记录` })
    const rawLength = decoded.segments.reduce((n, s) => n + s.length, 0)
    const payload = record.header.flags & RecordFlag.COMPRESSED ? zstdDecompress(decoded.payload, rawLength) : decoded.payload
    if (payload.length !== rawLength) throw new LcubeError('CORRUPT', { en: `Pack ${reader.name} at offset ${offset}: payload length does not match its segments`, zh: `数据包 ${reader.name} 偏移 ${offset}：数据长度与分段不符` })
    const starts: number[] = []
    let at = 0
    for (const segment of decoded.segments) {
      starts.push(at)
      at += segment.length
    }
    return { pack: packNo, offset, segments: decoded.segments, starts, payload }
  }

  /** Each part of a file in order, the next one read ahead while the caller works on this one. */
  async *parts(entry: FileEntry): AsyncGenerator<Uint8Array> {
    const parts = entry.parts ?? []
    for (let i = 0; i < parts.length; i += 1) {
      const data = await this.read(entry, parts[i]!)
      const next = parts[i + 1]
      if (next) this.readAhead(next[0], next[1])
      yield data
    }
  }

  /** The bytes of one part, checked to belong to this entry (segment's file number and length). */
  async read(entry: FileEntry, part: PartRef): Promise<Uint8Array> {
    const [packNo, offset, index, length] = part
    const record = await this.record(packNo, offset)
    const segment = record.segments[index]
    if (!segment || segment.length !== length || (entry.seq !== undefined && segment.fileSeq !== entry.seq)) {
      throw new LcubeError('CORRUPT', {
        en: `Pack ${packNo} at offset ${offset}: segment ${index} does not belong to ${entry.path}`,
        zh: `数据包 ${packNo} 偏移 ${offset}：第 ${index} 段不属于 ${entry.path}`,
      })
    }
    return record.payload.subarray(record.starts[index]!, record.starts[index]! + length)
  }

  async close(): Promise<void> {
    await this.ahead?.decoded.catch(() => undefined)
    this.ahead = undefined
    for (const reader of this.packs.values()) await reader.close()
    this.packs.clear()
    this.last = undefined
  }
}
