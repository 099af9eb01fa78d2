import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import type { FileEntry } from '../format/entry'
import type { JournalRecord } from '../format/journal'
import { packFileName } from '../format/pack-format'
import { PackReader } from '../format/pack-reader'
import { RecordType } from '../format/record'
import type { JobKeys } from './job-keys'
import type { JobPaths } from './job-paths'
import { listPackNumbers, openPackIndex, removeTempFiles, writePackIndex, type PackIndexInfo } from './pack-index'

export type RecoveryReport = Readonly<{ packs: number[]; nextPack: number; notes: LocalizedText[] }>

async function indexIsValid(paths: JobPaths, keys: JobKeys, packNo: number): Promise<boolean> {
  try {
    const reader = await openPackIndex(paths, keys, packNo)
    await reader.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    if (error instanceof LcubeError && error.code === 'CORRUPT') return false
    throw error
  }
}

/** FILE records of a pack up to a byte limit, in pack order. */
async function entriesOfPack(paths: JobPaths, keys: JobKeys, packNo: number, limit: number | undefined, requireEnd: boolean): Promise<{ entries: FileEntry[]; records: number; length: number; sha256?: string }> {
  const reader = await PackReader.open(paths.packs, packNo, keys.jobId, keys.data)
  const entries: FileEntry[] = []
  let records = 0
  let length = 64
  let sha256: string | undefined
  try {
    for await (const record of reader.scan({ limit, requireEnd })) {
      records += 1
      length = record.next
      if (record.header.type === RecordType.FILE) entries.push(JSON.parse(record.plaintext.toString('utf8')) as FileEntry)
      if (record.header.type === RecordType.END) sha256 = (JSON.parse(record.plaintext.toString('utf8')) as { sha256: string }).sha256
    }
  } finally {
    await reader.close()
  }
  return { entries, records, length, sha256 }
}

/**
 * Brings a job to a consistent state after any stop (DESIGN.md §5, docs/FORMAT.md "Recovery"):
 * every pack ends up sealed with an index, truncated to what the journal proves durable; packs that
 * hold nothing durable are removed. No pack is ever appended to again (its nonces may have been used).
 */
export async function recoverJob(paths: JobPaths, keys: JobKeys, journal: ReadonlyArray<JournalRecord>): Promise<RecoveryReport> {
  await removeTempFiles(paths.index)
  await removeTempFiles(paths.jobDir)
  const sealed = new Set<number>()
  const durable = new Map<number, number>()
  for (const record of journal) {
    if (record.t === 'sealed') sealed.add(record.pack)
    if (record.t === 'ckpt') durable.set(record.pack, record.offset)
  }
  const notes: LocalizedText[] = []
  const packs: number[] = []
  const all = await listPackNumbers(paths)
  for (const packNo of all) {
    if (await indexIsValid(paths, keys, packNo)) {
      packs.push(packNo)
      continue
    }
    if (sealed.has(packNo)) {
      // sealed, but its index was lost or damaged: rebuild it from the pack itself
      const scanned = await entriesOfPack(paths, keys, packNo, undefined, true)
      await writePackIndex(paths, keys, { packNo, length: scanned.length, records: scanned.records, sha256: scanned.sha256, recovered: false }, scanned.entries)
      notes.push({ en: `rebuilt the index of pack ${packNo}`, zh: `已重建数据包 ${packNo} 的索引` })
      packs.push(packNo)
      continue
    }
    const offset = durable.get(packNo)
    const file = join(paths.packs, packFileName(packNo))
    if (offset === undefined) {
      await rm(file, { force: true })
      notes.push({ en: `removed pack ${packNo}: nothing in it was checkpointed`, zh: `已删除数据包 ${packNo}：其中没有已确认的内容` })
      continue
    }
    const handle = await open(file, 'r+')
    try {
      const { size } = await handle.stat()
      if (size < offset) {
        throw new LcubeError('CORRUPT', {
          en: `Pack ${packNo} is shorter (${size} bytes) than its last checkpoint (${offset}): data the journal recorded as durable is gone`,
          zh: `数据包 ${packNo} 的长度（${size} 字节）短于其最后检查点（${offset}）：日志记录为已落盘的数据丢失了`,
        })
      }
      await handle.truncate(offset)
      await handle.sync()
    } finally {
      await handle.close()
    }
    const scanned = await entriesOfPack(paths, keys, packNo, offset, false)
    const info: PackIndexInfo = { packNo, length: offset, records: scanned.records, recovered: true }
    await writePackIndex(paths, keys, info, scanned.entries)
    notes.push({ en: `recovered pack ${packNo} at its last checkpoint (${scanned.entries.length} entries)`, zh: `已在最后检查点处恢复数据包 ${packNo}（${scanned.entries.length} 个条目）` })
    packs.push(packNo)
  }
  return { packs, nextPack: (all.length > 0 ? Math.max(...all) : 0) + 1, notes }
}
