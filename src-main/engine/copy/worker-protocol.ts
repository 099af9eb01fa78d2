import type { SourceStat } from '../scan/walk'

/** Messages between the copy coordinator and its workers: discriminated unions, one task per worker at a time. */
/** A file to read; `identity` is the device and inode the walk saw, checked when the file is opened. */
export type BatchFile = Readonly<{ fileSeq: number; abs: string; name: string; identity?: Readonly<{ dev: number; ino: number }> }>

export type WorkerRequest =
  | Readonly<{ type: 'batch'; id: number; files: ReadonlyArray<BatchFile>; level: number }>
  /** resume: the first `parts` parts (`bytes` bytes) are already on the cube: read them only to hash them. */
  | Readonly<{ type: 'file'; id: number; file: BatchFile; partBytes: number; level: number; resume?: Readonly<{ parts: number; bytes: number }> }>
  | Readonly<{ type: 'ack'; id: number }>

/** Outcome of reading one file: ok, or why it was not recorded as good. */
export type ReadOutcome =
  | Readonly<{ status: 'ok'; sha256: string; crc64: string; stat: SourceStat; bytes: number }>
  | Readonly<{ status: 'changed' | 'error'; reason: string; reasonZh: string; bytes: number }>

export type WorkerResponse =
  | Readonly<{ type: 'batch-done'; id: number; payload: ArrayBuffer; compressed: boolean; rawLength: number; files: ReadonlyArray<Readonly<{ fileSeq: number; length: number; outcome: ReadOutcome }>> }>
  | Readonly<{ type: 'part'; id: number; partNo: number; payload: ArrayBuffer; compressed: boolean; rawLength: number }>
  | Readonly<{ type: 'file-done'; id: number; outcome: ReadOutcome; parts: number }>
  | Readonly<{ type: 'failed'; id: number; message: string }>
