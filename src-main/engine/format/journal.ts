import { open, readFile, type FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'

/**
 * The job's write-ahead progress log: length-prefixed, CRC-checked JSON records, appended and fdatasynced.
 * It names no paths (those live encrypted in packs), only pack numbers, offsets and counts. Replay stops
 * at the first torn record, like borg discarding a log tail without COMMIT.
 */
export type JournalRecord =
  | Readonly<{ t: 'run'; run: number; pid: number; host: string; at: string; salt?: string }>
  /** Newly durable parts of a large file still being copied: an AEAD blob (paths are secret), see §2.8. */
  | Readonly<{ t: 'partial'; run: number; n: number; blob: string }>
  /** Large files of this run that finished, so their partial records can be forgotten on replay. */
  | Readonly<{ t: 'finished'; run: number; files: number[] }>
  | Readonly<{ t: 'open'; pack: number }>
  | Readonly<{ t: 'plan'; files: number; bytes: number; at: string }>
  /** files and bytes: the job's cumulative durable file count and source bytes at this point. */
  | Readonly<{ t: 'ckpt'; pack: number; offset: number; records: number; files: number; bytes: number; at: string }>
  | Readonly<{ t: 'sealed'; pack: number; length: number; sha256: string; files: number; bytes: number; at: string }>
  | Readonly<{ t: 'done'; files: number; bytes: number; at: string }>

export const JOURNAL_FILE = 'journal.lcj'

export function encodeJournalRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8')
  const out = Buffer.alloc(8 + payload.length)
  out.writeUInt32BE(payload.length, 0)
  out.writeUInt32BE(crc32(payload), 4)
  payload.copy(out, 8)
  return out
}

/** The intact records and the byte length they span; anything after is a torn tail to cut off. */
export function decodeJournal(bytes: Buffer): { records: JournalRecord[]; validLength: number } {
  const records: JournalRecord[] = []
  let at = 0
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at)
    if (length > 1024 * 1024 || at + 8 + length > bytes.length) break
    const payload = bytes.subarray(at + 8, at + 8 + length)
    if (crc32(payload) !== bytes.readUInt32BE(at + 4)) break
    let record: unknown
    try {
      record = JSON.parse(payload.toString('utf8'))
    } catch {
      break
    }
    // a frame whose checksum holds but whose content is not a record ends the valid part like a torn one
    if (typeof record !== 'object' || record === null || typeof (record as { t?: unknown }).t !== 'string') break
    records.push(record as JournalRecord)
    at += 8 + length
  }
  return { records, validLength: at }
}

export async function readJournal(path: string): Promise<{ records: JournalRecord[]; validLength: number }> {
  try {
    return decodeJournal(await readFile(path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validLength: 0 }
    throw error
  }
}

export class JournalWriter {
  /** The first failed append: after it nothing more is appended (a failed sync cannot be retried safely). */
  private failure: unknown

  private constructor(private readonly handle: FileHandle, private length: number) {}

  /** Opens for appending after cutting any torn tail, so new records follow the last intact one. */
  static async open(path: string, validLength: number): Promise<JournalWriter> {
    const handle = await open(path, 'a+')
    await handle.truncate(validLength)
    return new JournalWriter(handle, validLength)
  }

  /** Appends and fdatasyncs: when this returns, the records survive a power cut. One sync for all. */
  async append(...records: JournalRecord[]): Promise<void> {
    if (this.failure) throw this.failure
    if (records.length === 0) return
    const bytes = Buffer.concat(records.map(encodeJournalRecord))
    try {
      for (let at = 0; at < bytes.length;) {
        const step = await this.handle.write(bytes, at, bytes.length - at, this.length + at)
        if (step.bytesWritten === 0) throw Object.assign(new Error('the journal write made no progress'), { code: 'EIO' })
        at += step.bytesWritten
      }
      await this.handle.datasync()
    } catch (error) {
      this.failure = error
      throw error
    }
    this.length += bytes.length
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined)
  }
}

/** The job's durable totals as of the last checkpoint or seal (0 for a new job). */
export function durableTotals(records: ReadonlyArray<JournalRecord>): { files: number; bytes: number; at: string | undefined } {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const r = records[i]!
    if (r.t === 'ckpt' || r.t === 'sealed') return { files: r.files, bytes: r.bytes, at: r.at }
  }
  return { files: 0, bytes: 0, at: undefined }
}
