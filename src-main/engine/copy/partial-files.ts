import { LcubeError } from '../errors'
import { counterNonce, open, seal } from '../format/aead'
import type { PartRef } from '../format/entry'
import type { JournalRecord } from '../format/journal'
import { fileKey, randomSecret, wipe } from '../format/keys'
import type { SourceStat } from '../scan/walk'

/** A large file whose parts are partly on the cube: enough to continue it after a crash. */
export type PartialFile = { path: string; stat: SourceStat; parts: PartRef[]; bytes: number; fileSeq: number }

type Delta = { path: string; stat: SourceStat; from: number; parts: PartRef[]; bytes: number }

const aad = (run: number) => Buffer.from(`lcube/v1/partial|${run}`)

/**
 * Journal records for large files in progress. At each checkpoint a file gets one sealed record with the
 * parts that became durable since its last one; finished files are listed so replay can drop them.
 * Memory: the parts of the files in progress, never all files ever copied.
 */
export class PartialJournal {
  readonly salt: Buffer
  private readonly key: Buffer
  private counter = 0
  private readonly active = new Map<number, PartialFile & { journaled: number }>()
  private finished: number[] = []

  constructor(indexKey: Buffer, readonly run: number) {
    this.salt = randomSecret(32)
    this.key = fileKey(indexKey, this.salt, 'lcube/v1/journal')
  }

  /** A large file starts (or resumes with inherited parts, all of which its first record will repeat). */
  begin(file: PartialFile): void {
    this.active.set(file.fileSeq, { ...file, parts: [...file.parts], journaled: 0 })
  }

  addPart(fileSeq: number, part: PartRef): void {
    const file = this.active.get(fileSeq)
    if (!file) return
    file.parts.push(part)
    file.bytes += part[3]
  }

  finish(fileSeq: number): void {
    if (this.active.delete(fileSeq)) this.finished.push(fileSeq)
  }

  /** Records to journal now that the pack holding every part added so far is synced. */
  records(): JournalRecord[] {
    const out: JournalRecord[] = []
    for (const [fileSeq, file] of this.active) {
      if (file.parts.length === file.journaled) continue
      const delta: Delta = { path: file.path, stat: file.stat, from: file.journaled, parts: file.parts.slice(file.journaled), bytes: file.bytes }
      const n = this.counter++
      const blob = seal(this.key, counterNonce(n), Buffer.from(JSON.stringify({ fileSeq, ...delta })), aad(this.run))
      out.push({ t: 'partial', run: this.run, n, blob: blob.toString('base64') })
      file.journaled = file.parts.length
    }
    if (this.finished.length > 0) {
      out.push({ t: 'finished', run: this.run, files: this.finished })
      this.finished = []
    }
    return out
  }

  close(): void {
    wipe(this.key)
  }
}

/**
 * Large files left in progress by earlier runs, by path. A partial record counts only when a checkpoint
 * or seal follows it in the journal (before that, recovery may have cut its parts off the pack).
 */
export function replayPartials(records: ReadonlyArray<JournalRecord>, indexKey: Buffer): Map<string, PartialFile> {
  const keys = new Map<number, Buffer>()
  const files = new Map<string, PartialFile & { run: number }>()
  let pending: Array<{ run: number; fileSeq: number; delta: Delta }> = []
  const commit = () => {
    for (const { run, fileSeq, delta } of pending) {
      const current = files.get(delta.path)
      const sameFile = current && current.run === run && current.fileSeq === fileSeq
      const base = sameFile && delta.from === current.parts.length ? current.parts : delta.from === 0 ? [] : undefined
      if (base === undefined) continue
      files.set(delta.path, { path: delta.path, stat: delta.stat, parts: [...base, ...delta.parts], bytes: delta.bytes, run, fileSeq })
    }
    pending = []
  }
  for (const record of records) {
    if (record.t === 'run' && record.salt) keys.set(record.run, fileKey(indexKey, Buffer.from(record.salt, 'base64'), 'lcube/v1/journal'))
    else if (record.t === 'partial') {
      const key = keys.get(record.run)
      const plain = key && open(key, counterNonce(record.n), Buffer.from(record.blob, 'base64'), aad(record.run))
      if (!plain) throw new LcubeError('CORRUPT', { en: 'journal: a partial-file record fails authentication', zh: '日志：部分文件记录认证失败' })
      const { fileSeq, ...delta } = JSON.parse(plain.toString('utf8')) as Delta & { fileSeq: number }
      pending.push({ run: record.run, fileSeq, delta })
    } else if (record.t === 'ckpt' || record.t === 'sealed') commit()
    else if (record.t === 'finished') {
      const done = new Set(record.files)
      for (const [path, file] of files) if (file.run === record.run && done.has(file.fileSeq)) files.delete(path)
    }
  }
  for (const key of keys.values()) wipe(key)
  return new Map([...files].map(([path, { run: _run, ...file }]) => [path, file]))
}
