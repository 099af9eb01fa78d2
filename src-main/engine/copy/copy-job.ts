import { basename } from 'node:path'
import { hostname } from 'node:os'
import type { LocalizedText } from '../../../src-shared/localized'
import { initZstd } from '../codec/zstd'
import { cubeFullError, cubeWriteError } from '../cube-io-errors'
import type { PartRef } from '../format/entry'
import type { ScryptParams } from '../format/kdf'
import { durableTotals, JournalWriter, readJournal } from '../format/journal'
import { keyFingerprint } from '../format/keys'
import { mergeEntries } from '../format/merge'
import { acquireJobLock } from '../job/lock'
import { cubeQuota, requireCube } from '../job/open-job'
import { openPackIndex } from '../job/pack-index'
import { recoverJob } from '../job/recovery'
import { writeManifest } from '../job/manifest'
import { walkSource, type SourceStat, type WalkItem } from '../scan/walk'
import { checkpointPolicyFromEnv, JobWriter, type CheckpointPolicy } from './job-writer'
import type { CopyProgress, CopySummary, SkippedItem } from './progress'
import { SortedCursor } from './sorted-cursor'
import { TokenBucket } from './token-bucket'
import type { CopyControl } from './copy-control'
import { WorkerPool } from './worker-pool'
import type { BatchFile, ReadOutcome } from './worker-protocol'
import { countSources, resolveSources } from './sources'
import { prepareJob } from './prepare-job'
import { PartialJournal, replayPartials, type PartialFile } from './partial-files'

export type CopyOptions = Readonly<{
  sources: ReadonlyArray<string>
  cubeDir: string
  jobName: string
  password: string
  threads: number
  level: number
  transferSymlinks: boolean
  weakPasswordOk?: boolean
  /** Ignored when `control` is given: the control's throttle (adjustable while running) caps the reads. */
  bwlimit?: number
  packTargetBytes?: number
  partBytes?: number
  checkpoint?: CheckpointPolicy
  /** The KDF of a new job's key slot (default: scryptParamsForNewSlot of process.env). */
  kdf?: ScryptParams
  signal?: AbortSignal
  onProgress?: (progress: CopyProgress) => void
  onNote?: (note: LocalizedText) => void
  /** Each file skipped, changed during the copy or failed, as it happens (the app's live problem list). */
  onProblem?: (item: SkippedItem) => void
  progressIntervalMs?: number
  control?: CopyControl
}>

/** Files below this go into batches (many files, one record); larger ones are streamed in parts. */
const SMALL_FILE_BYTES = 1024 * 1024
const BATCH_BYTES = 4 * 1024 * 1024
const BATCH_FILES = 1000
const MAX_PROBLEMS = 1000

type PendingFile = BatchFile & { rel: string; stat: SourceStat }

/**
 * Copies sources into a job on a cube: walk in path order → skip what an earlier run already made
 * durable (same size, mtime and inode) → batch small files, stream large ones → workers read, hash,
 * compress → one writer encrypts into packs with checkpoints → retry files that changed → manifest.
 */
export async function runCopy(options: CopyOptions): Promise<CopySummary> {
  const started = performance.now()
  const identity = await requireCube(options.cubeDir)
  const roots = await resolveSources(options.sources)
  await initZstd()
  const job = await prepareJob(options, roots).catch((error: unknown) => {
    throw cubeWriteError(error, options.cubeDir)
  })
  const { paths, keys, header } = job
  const notes: LocalizedText[] = []
  const note = (text: LocalizedText) => {
    notes.push(text)
    options.onNote?.(text)
  }
  if (job.primaryHeaderDamaged) note({ en: 'header.json was damaged; its backup was used', zh: 'header.json 已损坏，已使用其备份' })
  const lock = await acquireJobLock(paths.jobDir, options.jobName).catch((error: unknown) => {
    keys.wipe()
    throw cubeWriteError(error, options.cubeDir)
  })
  const progress: CopyProgress = {
    phase: 'counting', filesTotal: 0, bytesTotal: 0, filesDurable: 0, filesProcessed: 0, bytesRead: 0, bytesOnCube: 0,
    alreadyDone: 0, alreadyDoneBytes: 0, skipped: 0, changed: 0, errors: 0, lastCheckpointAt: undefined, elapsedMs: 0, current: [],
  }
  const emit = () => {
    progress.elapsedMs = performance.now() - started
    options.onProgress?.({ ...progress, current: [...progress.current] })
  }
  const ticker = setInterval(emit, options.progressIntervalMs ?? 250)
  const problems: SkippedItem[] = []
  const skippedByReason: Record<string, number> = {}
  const problem = (item: SkippedItem) => {
    skippedByReason[item.code] = (skippedByReason[item.code] ?? 0) + 1
    if (problems.length < MAX_PROBLEMS) problems.push(item)
    options.onProblem?.(item)
  }
  let pool: WorkerPool | undefined
  let writer: JobWriter | undefined
  let journal: JournalWriter | undefined
  let partialJournal: PartialJournal | undefined
  const readers: Array<{ close(): Promise<void> }> = []
  let dirs = 0
  let files = 0
  try {
    const journalState = await readJournal(paths.journal)
    const recovery = await recoverJob(paths, keys, journalState.records)
    for (const text of recovery.notes) note(text)
    journal = await JournalWriter.open(paths.journal, journalState.validLength)
    const runNo = journalState.records.filter((r) => r.t === 'run').length + 1
    const resumable = replayPartials(journalState.records, keys.index)
    partialJournal = new PartialJournal(keys.index, runNo)
    await journal.append({ t: 'run', run: runNo, pid: process.pid, host: hostname(), at: new Date().toISOString(), salt: partialJournal.salt.toString('base64') })
    const counted = await countSources(roots, options.transferSymlinks, options.signal)
    progress.filesTotal = counted.files
    progress.bytesTotal = counted.bytes
    await journal.append({ t: 'plan', files: counted.files, bytes: counted.bytes, at: new Date().toISOString() })
    progress.phase = 'copying'
    emit()

    const streams = []
    for (const packNo of recovery.packs) {
      const reader = await openPackIndex(paths, keys, packNo)
      readers.push(reader)
      streams.push({ rank: packNo, entries: reader.entries() })
    }
    const done = new SortedCursor(mergeEntries(streams)[Symbol.asyncIterator]())
    const jobWriter = new JobWriter(paths, keys, journal, recovery.nextPack, header.params.packTargetBytes, options.checkpoint ?? checkpointPolicyFromEnv(), await cubeQuota(options.cubeDir, identity), options.cubeDir, (n) => {
      progress.filesDurable += n
      progress.lastCheckpointAt = new Date().toISOString()
    }, durableTotals(journalState.records), partialJournal)
    writer = jobWriter
    const tracker = partialJournal
    const workers = new WorkerPool(Math.max(1, options.threads))
    pool = workers
    // a stop ends the reads in progress at once; what was written is sealed below, a resume redoes the rest
    options.signal?.addEventListener('abort', () => void workers.close(), { once: true })
    const stopWatchingPause = options.control?.onChange((paused) => {
      progress.phase = paused ? 'paused' : 'copying'
      if (paused) void jobWriter.checkpoint().catch(() => undefined)
      emit()
    })
    const bucket = options.control?.throttle ?? new TokenBucket(options.bwlimit)
    const maxInflight = workers.size * 2
    const inflight = new Set<Promise<void>>()
    let fatal: unknown
    // file numbers are unique across runs, so a file resumed in a later run keeps its number for all its parts
    let fileCounter = 0
    const nextFileSeq = () => runNo * 2 ** 32 + ++fileCounter
    const retry: PendingFile[] = []
    let batch: PendingFile[] = []
    let batchBytes = 0
    const stopped = () => fatal !== undefined || options.signal?.aborted === true

    const launch = async (task: () => Promise<void>) => {
      await options.control?.whenRunning(options.signal)
      while (inflight.size >= maxInflight) await Promise.race(inflight)
      if (stopped()) return
      const running: Promise<void> = task()
        .catch((error: unknown) => {
          fatal ??= error
        })
        .finally(() => inflight.delete(running))
      inflight.add(running)
    }

    const record = async (file: PendingFile, outcome: ReadOutcome, parts: PartRef[], final: boolean) => {
      progress.filesProcessed += 1
      if (outcome.status === 'ok') {
        files += 1
        await jobWriter.writeEntry({
          path: file.rel, type: 'file', size: outcome.bytes, mtimeNs: outcome.stat.mtimeNs, mode: outcome.stat.mode, status: 'ok',
          sha256: outcome.sha256, crc64: outcome.crc64, parts, ino: outcome.stat.ino, ctimeNs: outcome.stat.ctimeNs, seq: file.fileSeq,
        })
        return
      }
      if (outcome.status === 'changed' && !final) {
        progress.filesProcessed -= 1
        retry.push(file)
        return
      }
      if (outcome.status === 'changed') progress.changed += 1
      else progress.errors += 1
      const reason = { en: outcome.reason, zh: outcome.reasonZh }
      problem({ path: file.rel, code: outcome.status === 'changed' ? 'changed' : 'error', reason })
      await jobWriter.writeEntry({ path: file.rel, type: 'file', size: file.stat.size, mtimeNs: file.stat.mtimeNs, mode: file.stat.mode, status: outcome.status, reason: reason.en })
    }

    // the last word on pausing: checked when a worker is actually free, right before it reads
    const gate = async () => options.control?.whenRunning(options.signal)

    const runBatch = (list: PendingFile[], final: boolean) => async () => {
      // launched tasks may sit in the rate limiter: a pause holds them too, before they read
      await options.control?.whenRunning(options.signal)
      await bucket.take(list.reduce((n, f) => n + f.stat.size, 0), options.signal)
      await options.control?.whenRunning(options.signal)
      progress.current = list.slice(0, 3).map((f) => f.rel)
      const result = await workers.batch(list.map(({ fileSeq: s, abs, name, stat }) => ({ fileSeq: s, abs, name, identity: { dev: stat.dev, ino: stat.ino } })), options.level, gate)
      progress.bytesRead += result.rawLength
      const withData = result.files.filter((f) => f.outcome.status === 'ok' && f.length > 0)
      let location: { pack: number; offset: number } | undefined
      if (withData.length > 0) {
        const before = jobWriter.stats.bytesWritten
        location = await jobWriter.writeData(withData.map((f) => ({ fileSeq: f.fileSeq, partNo: 0, length: f.length })), new Uint8Array(result.payload), result.compressed)
        progress.bytesOnCube += jobWriter.stats.bytesWritten - before
      }
      const bySeq = new Map(list.map((f) => [f.fileSeq, f]))
      const segmentOf = new Map(withData.map((w, i) => [w.fileSeq, i]))
      for (const f of result.files) {
        const segment = segmentOf.get(f.fileSeq)
        const parts: PartRef[] = segment !== undefined && location ? [[location.pack, location.offset, segment, f.length]] : []
        await record(bySeq.get(f.fileSeq)!, f.outcome, parts, final)
      }
    }

    const runLarge = (file: PendingFile, final: boolean, resume?: PartialFile) => async () => {
      progress.current = [file.rel]
      const parts: PartRef[] = [...(resume?.parts ?? [])]
      tracker.begin({ path: file.rel, stat: file.stat, parts, bytes: resume?.bytes ?? 0, fileSeq: file.fileSeq })
      if (resume) {
        progress.alreadyDoneBytes += resume.bytes
        note({ en: `resuming ${file.rel} after ${resume.parts.length} parts already on the cube`, zh: `续传 ${file.rel}：已有 ${resume.parts.length} 个分块在设备上` })
      }
      try {
        const result = await workers.file({ fileSeq: file.fileSeq, abs: file.abs, name: file.name, identity: { dev: file.stat.dev, ino: file.stat.ino } }, header.params.partBytes, options.level, async (part) => {
          if (part.partNo !== parts.length) throw new Error(`part ${part.partNo} of ${file.rel} arrived where part ${parts.length} was due`)
          await options.control?.whenRunning(options.signal)
          await bucket.take(part.rawLength, options.signal)
          progress.bytesRead += part.rawLength
          const before = jobWriter.stats.bytesWritten
          await jobWriter.writeData([{ fileSeq: file.fileSeq, partNo: part.partNo, length: part.rawLength }], new Uint8Array(part.payload), part.compressed, (at) => {
            const ref: PartRef = [at.pack, at.offset, 0, part.rawLength]
            parts.push(ref)
            tracker.addPart(file.fileSeq, ref)
          })
          progress.bytesOnCube += jobWriter.stats.bytesWritten - before
        }, resume ? { parts: resume.parts.length, bytes: resume.bytes } : undefined, gate)
        // a changed file is copied again from its start: the parts it has are of another version
        await record(file, result.outcome, result.outcome.status === 'ok' ? parts : [], final)
      } finally {
        tracker.finish(file.fileSeq)
      }
    }

    const flushBatch = async (final: boolean) => {
      if (batch.length === 0) return
      const list = batch
      batch = []
      batchBytes = 0
      await launch(runBatch(list, final))
    }

    const schedule = async (file: PendingFile, final: boolean, resume?: PartialFile) => {
      if (file.stat.size >= SMALL_FILE_BYTES) {
        await launch(runLarge(file, final, resume))
        return
      }
      batch.push(file)
      batchBytes += file.stat.size
      if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flushBatch(final)
    }

    const handle = async (item: WalkItem, rel: string) => {
      const prior = await done.seek(rel)
      if (item.kind === 'skip') {
        progress.skipped += 1
        problem({ path: rel, code: item.code, reason: item.reason })
        if (prior?.status !== 'skipped') await jobWriter.writeEntry({ path: rel, type: 'file', size: 0, mtimeNs: '0', mode: 0, status: 'skipped', reason: item.reason.en })
        return
      }
      if (item.kind === 'dir') {
        if (prior?.type !== 'dir' || prior.mtimeNs !== item.stat.mtimeNs || prior.mode !== item.stat.mode) {
          dirs += 1
          await jobWriter.writeEntry({ path: rel, type: 'dir', size: 0, mtimeNs: item.stat.mtimeNs, mode: item.stat.mode, status: 'ok' })
        }
        return
      }
      if (item.kind === 'symlink') {
        if (prior?.type !== 'symlink' || prior.target !== item.target || prior.mtimeNs !== item.stat.mtimeNs) {
          await jobWriter.writeEntry({ path: rel, type: 'symlink', size: 0, mtimeNs: item.stat.mtimeNs, mode: item.stat.mode, status: 'ok', target: item.target })
        }
        files += 1
        return
      }
      const stat = item.stat
      if (prior?.status === 'ok' && prior.type === 'file' && prior.size === stat.size && prior.mtimeNs === stat.mtimeNs && (prior.ino === undefined || prior.ino === stat.ino)) {
        progress.alreadyDone += 1
        progress.alreadyDoneBytes += stat.size
        return
      }
      // a large file an earlier run left half-copied continues where its durable parts end, if unchanged
      const partial = resumable.get(rel)
      const unchanged = partial && partial.stat.size === stat.size && partial.stat.mtimeNs === stat.mtimeNs && partial.stat.ino === stat.ino && partial.stat.ctimeNs === stat.ctimeNs
      await schedule({ fileSeq: unchanged ? partial.fileSeq : nextFileSeq(), abs: item.abs, name: basename(item.abs), rel, stat }, false, unchanged ? partial : undefined)
    }

    for (const root of roots) {
      if (stopped()) break
      if (root.prefix) {
        const rootStat = root.stat
        await handle({ kind: 'dir', rel: '', abs: root.abs, stat: rootStat, empty: false, entries: 0 }, root.prefix)
      }
      for await (const item of walkSource(root.abs, { transferSymlinks: options.transferSymlinks })) {
        if (stopped()) break
        await handle(item, root.prefix ? `${root.prefix}/${item.rel}` : item.rel)
      }
    }
    await flushBatch(false)
    await Promise.all(inflight)
    if (!stopped() && retry.length > 0) {
      progress.phase = 'retrying'
      note({ en: `${retry.length} file(s) changed while being read; reading them again`, zh: `${retry.length} 个文件在读取时发生变化，正在重新读取` })
      for (const file of retry.splice(0)) await schedule({ ...file, fileSeq: nextFileSeq() }, true)
      await flushBatch(true)
      await Promise.all(inflight)
    }
    // workers terminated by a stop reject their tasks: that is the stop, not a failure
    if (fatal !== undefined && !options.signal?.aborted) throw fatal
    progress.phase = 'finishing'
    await jobWriter.seal()
    let manifestEntries: number | undefined
    if (!options.signal?.aborted) {
      for (const reader of readers.splice(0)) await reader.close()
      manifestEntries = await writeManifest(paths, keys)
      await journal.append({ t: 'done', files: manifestEntries, bytes: progress.bytesRead, at: new Date().toISOString() })
    }
    stopWatchingPause?.()
    progress.phase = options.signal?.aborted ? 'stopped' : 'done'
    emit()
    return {
      status: options.signal?.aborted ? 'interrupted' : 'complete',
      jobName: options.jobName,
      jobId: header.jobId,
      keyFingerprint: keyFingerprint(Buffer.from(header.keyCheck, 'base64')),
      created: job.created,
      files,
      dirs,
      bytesIn: progress.bytesRead,
      bytesOnCube: jobWriter.stats.bytesWritten,
      alreadyDone: progress.alreadyDone,
      skippedByReason,
      problems,
      changed: progress.changed,
      errors: progress.errors,
      durationMs: performance.now() - started,
      notes,
      manifestEntries,
    }
  } catch (error) {
    const left = await writer?.abandon(error)
    if (left) notes.push(left)
    // the manifest and the last journal records are written outside the pack writer: a full cube there too is a clean stop
    throw cubeFullError(error, options.cubeDir)
  } finally {
    clearInterval(ticker)
    await pool?.close()
    for (const reader of readers) await reader.close()
    await journal?.close()
    partialJournal?.close()
    await lock.release().catch(() => undefined)
    keys.wipe()
  }
}
