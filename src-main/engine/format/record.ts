import { crc32 } from 'node:zlib'

export const RECORD_MAGIC = Buffer.from('LREC')
export const RECORD_HEADER_BYTES = 24

export const RecordType = { DATA: 1, FILE: 2, END: 3 } as const
export type RecordTypeValue = (typeof RecordType)[keyof typeof RecordType]

export const RecordFlag = { COMPRESSED: 1 } as const

export type RecordHeader = Readonly<{ type: RecordTypeValue; flags: number; bodyLength: number; seq: bigint }>

/** Bodies are bounded so a damaged length can never make a reader allocate gigabytes. */
export const MAX_RECORD_BODY = 80 * 1024 * 1024

export function encodeRecordHeader(header: RecordHeader): Buffer {
  const out = Buffer.alloc(RECORD_HEADER_BYTES)
  RECORD_MAGIC.copy(out, 0)
  out.writeUInt8(header.type, 4)
  out.writeUInt8(header.flags, 5)
  out.writeUInt16BE(0, 6)
  out.writeUInt32BE(header.bodyLength, 8)
  out.writeBigUInt64BE(header.seq, 12)
  out.writeUInt32BE(crc32(out.subarray(0, 20)), 20)
  return out
}

/** Undefined for anything that is not an intact record header (torn write, garbage, wrong place). */
export function decodeRecordHeader(bytes: Uint8Array): RecordHeader | undefined {
  if (bytes.length < RECORD_HEADER_BYTES) return undefined
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, RECORD_HEADER_BYTES)
  if (!buf.subarray(0, 4).equals(RECORD_MAGIC)) return undefined
  if (buf.readUInt32BE(20) !== crc32(buf.subarray(0, 20))) return undefined
  const type = buf.readUInt8(4)
  const bodyLength = buf.readUInt32BE(8)
  if (type < 1 || type > 3 || buf.readUInt16BE(6) !== 0 || bodyLength < 16 || bodyLength > MAX_RECORD_BODY) return undefined
  return { type: type as RecordTypeValue, flags: buf.readUInt8(5), bodyLength, seq: buf.readBigUInt64BE(12) }
}

/** AAD of a record: its header, the job and the pack. Moving a record to another pack or job breaks it. */
export function recordAad(headerBytes: Uint8Array, jobId: Uint8Array, packNo: number): Buffer {
  const tail = Buffer.alloc(20)
  Buffer.from(jobId).copy(tail, 0)
  tail.writeUInt32BE(packNo, 16)
  return Buffer.concat([headerBytes, tail])
}

/** One segment of a DATA record: a run of one file's bytes. */
export type Segment = Readonly<{ fileSeq: number; partNo: number; length: number }>

const SEGMENT_BYTES = 16

/**
 * DATA plaintext: segment count, the segment table, then the payload (zstd of the concatenation, or raw).
 * This is its first piece; the writer seals the payload after it without joining them.
 */
export function encodeSegmentTable(segments: ReadonlyArray<Segment>): Buffer {
  const table = Buffer.alloc(4 + segments.length * SEGMENT_BYTES)
  table.writeUInt32BE(segments.length, 0)
  segments.forEach((s, i) => {
    const at = 4 + i * SEGMENT_BYTES
    table.writeBigUInt64BE(BigInt(s.fileSeq), at)
    table.writeUInt32BE(s.partNo, at + 8)
    table.writeUInt32BE(s.length, at + 12)
  })
  return table
}

export function decodeDataPlaintext(plain: Buffer): { segments: Segment[]; payload: Buffer } | undefined {
  if (plain.length < 4) return undefined
  const count = plain.readUInt32BE(0)
  const tableEnd = 4 + count * SEGMENT_BYTES
  if (count > 1_000_000 || tableEnd > plain.length) return undefined
  const segments: Segment[] = []
  for (let i = 0; i < count; i += 1) {
    const at = 4 + i * SEGMENT_BYTES
    segments.push({ fileSeq: Number(plain.readBigUInt64BE(at)), partNo: plain.readUInt32BE(at + 8), length: plain.readUInt32BE(at + 12) })
  }
  return { segments, payload: plain.subarray(tableEnd) }
}
