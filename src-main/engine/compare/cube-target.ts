import type { LocalizedText } from '../../../src-shared/localized'
import { initZstd } from '../codec/zstd'
import { jobEntries } from '../job/manifest'
import { openJob } from '../job/open-job'
import { PartReader } from '../read/part-reader'
import { compareStreamWithFile } from './stream-compare'
import type { FullCompareResult, SourceEntry, TargetEntry, TargetSession } from './target-entry'

const NOT_COPIED: Readonly<Record<string, LocalizedText>> = {
  changed: { en: 'the cube recorded it as changed while it was copied', zh: '设备记录其在拷贝期间发生变化' },
  error: { en: 'the copy could not read it', zh: '拷贝时无法读取' },
}

/**
 * A job on a cube: its manifest holds each file's size, SHA-256 and CRC-64, so hash mode needs no
 * decryption; full mode decrypts every file and compares the bytes with the source.
 */
export async function openCubeTarget(cubeDir: string, jobName: string, password: string): Promise<TargetSession> {
  await initZstd()
  const job = await openJob(cubeDir, jobName, password)
  const reader = new PartReader(job.paths, job.keys)
  const notes: LocalizedText[] = []
  let queue: Promise<void> = Promise.resolve()
  return {
    kind: 'cube',
    location: `cube:${cubeDir}#${jobName}`,
    prefix: '',
    async *entries(): AsyncGenerator<TargetEntry> {
      const listing = await jobEntries(job.paths, job.keys)
      if (listing.manifestProblem) notes.push(listing.manifestProblem)
      if (!listing.complete) notes.push({ en: 'the job is not complete: files not yet copied show as missing', zh: '作业尚未完成：尚未拷贝的文件显示为缺失' })
      try {
        for await (const entry of listing.entries) {
          // skipped entries record what copy left out on purpose (special files, links): no data, no name to match
          if (entry.type !== 'file' || entry.status === 'skipped') continue
          const problem = entry.status === 'ok' ? undefined : (NOT_COPIED[entry.status] ?? { en: entry.status, zh: entry.status })
          yield { key: entry.path, size: entry.size, sha256: entry.sha256, crc64: entry.crc64, problem, cube: entry }
        }
      } finally {
        await listing.close()
      }
    },
    compareBytes(source: SourceEntry, target: TargetEntry): Promise<FullCompareResult> {
      const entry = target.cube!
      // one file at a time: the part reader shares its open packs and last decoded record
      const run = queue.then(() => compareStreamWithFile(source.abs, reader.parts(entry)))
      queue = run.then(() => undefined, () => undefined)
      return run
    },
    notes: () => notes,
    async close() {
      await reader.close()
      job.keys.wipe()
    },
  }
}
