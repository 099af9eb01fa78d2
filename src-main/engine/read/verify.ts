import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { VerifyIssue, VerifyIssueKind, VerifyProgress, VerifyResult } from '../../../src-shared/job-types'
import { initZstd } from '../codec/zstd'
import { resolveSources } from '../copy/sources'
import { LcubeError } from '../errors'
import { comparePaths, type FileEntry } from '../format/entry'
import { packFileName } from '../format/pack-format'
import { PackReader } from '../format/pack-reader'
import { createCrc64, FileHasher, sha256File } from '../hash'
import type { JobKeys } from '../job/job-keys'
import type { JobPaths } from '../job/job-paths'
import { jobEntries } from '../job/manifest'
import { readJournal } from '../format/journal'
import { openJob } from '../job/open-job'
import { listPackNumbers, openPackIndex } from '../job/pack-index'
import { walkSource } from '../scan/walk'
import { PartReader } from './part-reader'
import { join } from 'node:path'

export type VerifyOptions = Readonly<{ cubeDir: string; jobName: string; password: string; sources?: ReadonlyArray<string>; samplePercent?: number; signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void }>

export type { VerifyIssue, VerifyIssueKind, VerifyResult }


const MAX_ISSUES = 1000

/** The journal's last record says the copy finished (and wrote its manifest). */
async function jobFinished(paths: JobPaths): Promise<boolean> {
  const { records } = await readJournal(paths.journal)
  return records[records.length - 1]?.t === 'done'
}

/** Pass 1: every pack is whole. Sealed packs: length and SHA-256 as their index records; recovered ones: each record authenticates. */
async function checkPacks(paths: JobPaths, keys: JobKeys, issue: (i: VerifyIssue) => void): Promise<number> {
  const packs = await listPackNumbers(paths)
  for (const packNo of packs) {
    const name = packFileName(packNo)
    let info
    try {
      const index = await openPackIndex(paths, keys, packNo)
      info = index.footer.info
      await index.close()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        issue({ kind: 'incomplete', detail: { en: `pack ${name} is not sealed: the copy was interrupted; run the same lcube copy to recover and finish it`, zh: `数据包 ${name} 未封存：拷贝被中断；请再次运行同一 lcube copy 命令以恢复并完成` } })
        continue
      }
      if (error instanceof LcubeError) {
        issue({ kind: 'corrupt', detail: error.text })
        continue
      }
      throw error
    }
    const file = join(paths.packs, name)
    const size = (await stat(file)).size
    if (size !== info.length) {
      issue({ kind: 'corrupt', detail: { en: `pack ${name} is ${size} bytes, its index says ${info.length} (truncated or extended)`, zh: `数据包 ${name} 为 ${size} 字节，索引记录为 ${info.length}（被截断或追加）` } })
      continue
    }
    if (!info.recovered) {
      if ((await sha256File(file)) !== info.sha256) {
        issue({ kind: 'corrupt', detail: { en: `pack ${name} does not match its SHA-256 (damaged); the files it holds are listed below`, zh: `数据包 ${name} 的 SHA-256 不符（已损坏）；受影响的文件见下文` } })
      }
      continue
    }
    const reader = await PackReader.open(paths.packs, packNo, keys.jobId, keys.data)
    try {
      for await (const record of reader.scan({ limit: info.length, requireEnd: false })) void record
    } catch (error) {
      if (!(error instanceof LcubeError)) throw error
      issue({ kind: 'corrupt', detail: error.text })
    } finally {
      await reader.close()
    }
  }
  return packs.length
}

function sampled(path: string, percent: number | undefined): boolean {
  if (percent === undefined || percent >= 100) return true
  return createHash('sha256').update(path).digest().readUInt32BE(0) % 10000 < percent * 100
}

/**
 * Checks a job on a cube: every pack whole and authentic, then every file (or a sample) decrypted,
 * decompressed and hashed against its recorded SHA-256 and CRC-64. With sources, also each source file
 * against the cube (missing, differing). Read-only: it never changes the cube.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now()
  await initZstd()
  const issues: VerifyIssue[] = []
  const counts: Record<VerifyIssueKind, number> = { corrupt: 0, differ: 0, missing: 0, extra: 0, 'not-copied': 0, incomplete: 0 }
  const issue = (i: VerifyIssue) => {
    counts[i.kind] += 1
    if (issues.length < MAX_ISSUES) issues.push(i)
  }
  const job = await openJob(options.cubeDir, options.jobName, options.password)
  if (job.primaryHeaderDamaged) {
    issue({ kind: 'corrupt', path: 'header.json', detail: { en: 'header.json is damaged (its backup header.bak is intact and was used)', zh: 'header.json 已损坏（其备份 header.bak 完好并已使用）' } })
  }
  const reader = new PartReader(job.paths, job.keys)
  const crc = await createCrc64()
  let filesChecked = 0
  let bytesChecked = 0
  try {
    const packsChecked = await checkPacks(job.paths, job.keys, issue)
    let listing
    try {
      listing = await jobEntries(job.paths, job.keys)
    } catch (error) {
      if (!(error instanceof LcubeError)) throw error
      issue({ kind: 'corrupt', detail: error.text })
      return { jobName: options.jobName, packsChecked, filesChecked, bytesChecked, sampled: options.samplePercent !== undefined, counts, issues, durationMs: performance.now() - started }
    }
    const checkEntry = async (entry: FileEntry) => {
      if (entry.type !== 'file') return
      if (entry.status === 'changed' || entry.status === 'error') {
        issue({ kind: 'not-copied', path: entry.path, detail: { en: `not on the cube: ${entry.reason ?? entry.status}`, zh: `未拷贝到设备：${entry.reason ?? entry.status}` } })
        return
      }
      if (entry.status !== 'ok' || !sampled(entry.path, options.samplePercent)) return
      const hasher = new FileHasher(crc)
      let size = 0
      try {
        for await (const data of reader.parts(entry)) {
          hasher.update(data)
          size += data.length
        }
      } catch (error) {
        if (!(error instanceof LcubeError)) throw error
        issue({ kind: 'corrupt', path: entry.path, detail: error.text })
        return
      }
      const digest = hasher.digest()
      if (size !== entry.size || digest.sha256 !== entry.sha256 || digest.crc64 !== entry.crc64) {
        issue({ kind: 'corrupt', path: entry.path, detail: { en: `${entry.path}: data does not match its recorded size and hashes`, zh: `${entry.path}：数据与记录的大小和哈希不符` } })
      }
      filesChecked += 1
      bytesChecked += size
      options.onProgress?.({ files: filesChecked, bytes: bytesChecked, current: entry.path })
    }
    if (listing.manifestProblem) issue({ kind: 'corrupt', path: 'manifest.lcm', detail: listing.manifestProblem })
    else if (!listing.complete && (await jobFinished(job.paths))) {
      // a finished job's manifest covers every pack; one that does not was put back from an earlier run
      issue({ kind: 'corrupt', path: 'manifest.lcm', detail: { en: 'manifest.lcm is older than the packs although the job finished: it was replaced or replayed (the pack indexes were used instead)', zh: 'manifest.lcm 比数据包旧，但作业已完成：它被替换或重放过（已改用数据包索引）' } })
    }
    try {
      if (!options.sources) {
        for await (const entry of listing.entries) {
          if (options.signal?.aborted) break
          await checkEntry(entry)
        }
      } else {
        await compareWithSources(options, listing.entries, checkEntry, issue)
      }
    } catch (error) {
      // a block of the manifest or an index failing mid-stream: report it, the files after it go unchecked
      if (!(error instanceof LcubeError)) throw error
      issue({ kind: 'corrupt', detail: error.text })
    } finally {
      await listing.close()
    }
    return { jobName: options.jobName, packsChecked, filesChecked, bytesChecked, sampled: options.samplePercent !== undefined && options.samplePercent < 100, counts, issues, durationMs: performance.now() - started }
  } finally {
    await reader.close()
    job.keys.wipe()
  }
}

/** Merge-join of the sorted source walk and the sorted job entries: both streams, bounded memory. */
async function compareWithSources(options: VerifyOptions, entries: AsyncGenerator<FileEntry>, checkEntry: (e: FileEntry) => Promise<void>, issue: (i: VerifyIssue) => void): Promise<void> {
  const roots = await resolveSources(options.sources!)
  const iterator = entries[Symbol.asyncIterator]()
  let next = await iterator.next()
  const drainBefore = async (path: string | undefined) => {
    while (!next.done && (path === undefined || comparePaths(next.value.path, path) < 0)) {
      const entry = next.value
      if (entry.type === 'file' && entry.status === 'ok') issue({ kind: 'extra', path: entry.path, detail: { en: 'on the cube but not in the source (deleted since?)', zh: '在设备上但源中没有（之后被删除？）' } })
      await checkEntry(entry)
      next = await iterator.next()
    }
  }
  for (const root of roots) {
    for await (const item of walkSource(root.abs, { transferSymlinks: true })) {
      if (options.signal?.aborted) return
      if (item.kind !== 'file') continue
      const rel = root.prefix ? `${root.prefix}/${item.rel}` : item.rel
      await drainBefore(rel)
      const entry = !next.done && next.value.path === rel ? next.value : undefined
      if (!entry || entry.status !== 'ok') {
        issue({ kind: 'missing', path: rel, detail: { en: entry ? `not copied: ${entry.reason ?? entry.status}` : 'in the source but not on the cube', zh: entry ? `未拷贝：${entry.reason ?? entry.status}` : '在源中但不在设备上' } })
        if (entry) next = await iterator.next()
        continue
      }
      await checkEntry(entry)
      const source = await sha256File(item.abs).catch(() => undefined)
      if (source === undefined) issue({ kind: 'differ', path: rel, detail: { en: 'the source file cannot be read now', zh: '源文件现在无法读取' } })
      else if (source !== entry.sha256 || item.stat.size !== entry.size) {
        issue({ kind: 'differ', path: rel, detail: { en: `source differs from the cube (size ${item.stat.size} vs ${entry.size})`, zh: `源文件与设备上的不同（大小 ${item.stat.size} 对 ${entry.size}）` } })
      }
      next = await iterator.next()
    }
  }
  await drainBefore(undefined)
}
