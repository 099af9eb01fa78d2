import { statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { IDENTITY_FILE } from '../../device/identity'
import type { LocalizedText } from '../../../src-shared/localized'
import { cubeWriteError, quotaExceeded } from '../cube-io-errors'
import { LcubeError } from '../errors'
import type { FileEntry } from '../format/entry'
import { JournalWriter } from '../format/journal'
import { PackWriter } from '../format/pack-writer'
import { encodeSegmentTable, RecordFlag, RecordType, type Segment } from '../format/record'
import type { JobKeys } from '../job/job-keys'
import type { JobPaths } from '../job/job-paths'
import type { PartialJournal } from './partial-files'
import { writePackIndex } from '../job/pack-index'

export type CheckpointPolicy = Readonly<{ bytes: number; files: number; ms: number }>

/** restic-like: at most one interval is redone after a crash (DESIGN.md §5, research §9.5). */
export const DEFAULT_CHECKPOINT: CheckpointPolicy = { bytes: 64 * 1024 * 1024, files: 2000, ms: 5000 }
/** LCUBE_CHECKPOINT="bytes,files,ms" overrides the policy (tests that crash often, slow media). */
export function checkpointPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointPolicy {
  const parts = (env.LCUBE_CHECKPOINT ?? '').split(',').map(Number)
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n <= 0)) return DEFAULT_CHECKPOINT
  return { bytes: parts[0]!, files: parts[1]!, ms: parts[2]! }
}

/** A pack's entries are held in memory until its index is written: cap them. */
const MAX_FILES_PER_PACK = 100_000

export type Quota = Readonly<{ capacityBytes: number; usedAtStart: number }> | undefined

export type WriterStats = { packs: number; bytesWritten: number; checkpoints: number; lastCheckpointAt: string | undefined; filesDurable: number }

/**
 * The one writer of a job. Every append runs through a serial queue, so the pack's record counter (the
 * nonce) has one owner. Durability follows docs/FORMAT.md: pack fdatasync, then the journal checkpoint,
 * then the files count as done.
 */
export class JobWriter {
  private pack: PackWriter | undefined
  private packEntries: FileEntry[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private sinceBytes = 0
  private sinceFiles = 0
  private sinceAt = performance.now()
  private pendingFiles = 0
  private pendingBytes = 0
  readonly stats: WriterStats = { packs: 0, bytesWritten: 0, checkpoints: 0, lastCheckpointAt: undefined, filesDurable: 0 }
  /** The job's cumulative durable totals (earlier runs included), written into every checkpoint. */
  private readonly durable: { files: number; bytes: number }
  /** Checkpoints also on time alone: a throttled or stalled copy must not keep finished files un-durable. */
  private readonly timer: NodeJS.Timeout
  private cubeIdentity: { dev: bigint; ino: bigint } | undefined

  constructor(
    private readonly paths: JobPaths,
    private readonly keys: JobKeys,
    private readonly journal: JournalWriter,
    private nextPack: number,
    private readonly packTargetBytes: number,
    private readonly policy: CheckpointPolicy,
    private readonly quota: Quota,
    private readonly cubeDir: string,
    private readonly onCheckpoint: (filesNowDurable: number) => void,
    durableBefore: { files: number; bytes: number },
    private readonly partials?: PartialJournal,
  ) {
    this.durable = { ...durableBefore }
    this.assertCubePresent()
    this.timer = setInterval(() => {
      if (this.sinceBytes > 0 || this.sinceFiles > 0) void this.checkpoint().catch(() => undefined)
    }, policy.ms)
    this.timer.unref()
  }

  /** Runs fn after everything queued before it; errors are mapped to device errors for the caller. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run.catch((error: unknown) => {
      throw cubeWriteError(error, this.cubeDir)
    })
  }

  /**
   * A simulated cube's capacity is a quota on pack bytes: bytesWritten counts every record the moment it
   * is appended (buffered or not), so the check is exact before anything lands. Index, journal and
   * manifest are small and written only when the data they describe is, so they are not refused.
   */
  private checkQuota(extra: number): void {
    if (!this.quota) return
    const free = this.quota.capacityBytes - this.quota.usedAtStart - this.stats.bytesWritten
    if (extra > free) throw quotaExceeded(this.cubeDir, extra, Math.max(0, free))
  }

  private async currentPack(): Promise<PackWriter> {
    if (this.pack) return this.pack
    this.checkQuota(64)
    await mkdir(this.paths.packs, { recursive: true })
    const packNo = this.nextPack++
    this.pack = await PackWriter.create(this.paths.packs, packNo, this.keys.jobId, this.keys.data)
    this.stats.bytesWritten += 64
    this.stats.packs += 1
    await this.journal.append({ t: 'open', pack: packNo })
    return this.pack
  }

  private async afterAppend(bytes: number, files: number): Promise<void> {
    const pack = this.pack!
    this.sinceBytes += bytes
    this.sinceFiles += files
    if (pack.needsFlush()) await pack.flush()
    if (pack.size >= this.packTargetBytes || this.packEntries.length >= MAX_FILES_PER_PACK) await this.sealCurrent()
    else if (this.sinceBytes >= this.policy.bytes || this.sinceFiles >= this.policy.files || performance.now() - this.sinceAt >= this.policy.ms) {
      await this.checkpointNow()
    }
  }

  private append(type: typeof RecordType.DATA | typeof RecordType.FILE, flags: number, plaintext: ReadonlyArray<Uint8Array>, pack: PackWriter): number {
    this.checkQuota(plaintext.reduce((n, p) => n + p.length, 0) + 40)
    const before = pack.size
    const offset = pack.append(type, flags, plaintext)
    this.stats.bytesWritten += pack.size - before
    return offset
  }

  /**
   * Appends one DATA record; returns its pack number and offset. onPlaced runs before the checkpoint this
   * append may trigger, so a large file's part is journaled by the very checkpoint that makes it durable.
   */
  writeData(segments: ReadonlyArray<Segment>, payload: Uint8Array, compressed: boolean, onPlaced?: (at: { pack: number; offset: number }) => void): Promise<{ pack: number; offset: number }> {
    return this.serial(async () => {
      const pack = await this.currentPack()
      const offset = this.append(RecordType.DATA, compressed ? RecordFlag.COMPRESSED : 0, [encodeSegmentTable(segments), payload], pack)
      const location = { pack: pack.packNo, offset }
      onPlaced?.(location)
      await this.afterAppend(payload.length, 0)
      return location
    })
  }

  /** Appends a FILE record (the entry, encrypted); it counts once a checkpoint covers it. */
  writeEntry(entry: FileEntry): Promise<void> {
    return this.serial(async () => {
      const pack = await this.currentPack()
      this.append(RecordType.FILE, 0, [Buffer.from(JSON.stringify(entry), 'utf8')], pack)
      this.packEntries.push(entry)
      if (entry.type === 'file' && entry.status === 'ok') {
        this.pendingFiles += 1
        this.pendingBytes += entry.size
      }
      await this.afterAppend(0, 1)
    })
  }

  /**
   * The cube must still be the one the job started on: unplugged (or its mount point now empty or holding
   * another device), writes may still land on a stale handle, so this is checked before each checkpoint.
   */
  private assertCubePresent(): void {
    const now = statSync(join(this.cubeDir, IDENTITY_FILE), { bigint: true, throwIfNoEntry: false })
    if (!now) throw Object.assign(new Error('identity file gone'), { code: 'ENOENT' })
    this.cubeIdentity ??= { dev: now.dev, ino: now.ino }
    if (now.dev !== this.cubeIdentity.dev || now.ino !== this.cubeIdentity.ino) {
      throw new LcubeError('DEVICE_MISSING', {
        en: `The cube at ${this.cubeDir} is not the one this copy started on (unplugged and another device mounted there?). Stopped; reconnect the right cube and run the same command again to resume`,
        zh: `${this.cubeDir} 处的设备已不是本次拷贝开始时的设备（是否拔出后挂载了另一台？）。已停止；重新连接正确的设备后再次运行同一命令即可续传`,
      })
    }
  }

  private async checkpointNow(): Promise<void> {
    const pack = this.pack
    if (!pack) return
    this.assertCubePresent()
    const { offset, records } = await pack.sync()
    const totals = this.totalsIfDurable()
    // the pack is synced: every part appended so far is durable, so large files in progress can say so
    await this.journal.append(...(this.partials?.records() ?? []), { t: 'ckpt', pack: pack.packNo, offset, records, ...totals, at: new Date().toISOString() })
    this.markDurable()
  }

  private totalsIfDurable(): { files: number; bytes: number } {
    return { files: this.durable.files + this.pendingFiles, bytes: this.durable.bytes + this.pendingBytes }
  }

  /** Called once the journal record that covers the pending files is synced. */
  private markDurable(): void {
    this.durable.files += this.pendingFiles
    this.durable.bytes += this.pendingBytes
    this.pendingBytes = 0
    this.stats.checkpoints += 1
    this.stats.lastCheckpointAt = new Date().toISOString()
    this.stats.filesDurable += this.pendingFiles
    this.onCheckpoint(this.pendingFiles)
    this.pendingFiles = 0
    this.sinceBytes = 0
    this.sinceFiles = 0
    this.sinceAt = performance.now()
  }

  private async sealCurrent(): Promise<void> {
    const pack = this.pack
    if (!pack) return
    this.pack = undefined
    const sizeBefore = pack.size
    const sealedPack = await pack.seal()
    this.stats.bytesWritten += sealedPack.length - sizeBefore
    await writePackIndex(this.paths, this.keys, { packNo: sealedPack.packNo, length: sealedPack.length, records: sealedPack.records, sha256: sealedPack.sha256, recovered: false }, this.packEntries)
    await this.journal.append(...(this.partials?.records() ?? []), { t: 'sealed', pack: sealedPack.packNo, length: sealedPack.length, sha256: sealedPack.sha256, ...this.totalsIfDurable(), at: new Date().toISOString() })
    this.packEntries = []
    this.markDurable()
  }

  /** A checkpoint now (pause, periodic timer): what is written so far becomes durable. */
  checkpoint(): Promise<void> {
    return this.serial(() => this.checkpointNow())
  }

  /** Seals the open pack with its index: used at the end of a run and on a clean stop. */
  seal(): Promise<void> {
    clearInterval(this.timer)
    return this.serial(() => this.sealCurrent())
  }

  /**
   * After a failure: keep what was checkpointed, leave the open pack for recovery. When the cube itself is
   * fine (the quota refused a record before it was written), first make everything appended durable.
   */
  async abandon(cause?: unknown): Promise<LocalizedText | undefined> {
    clearInterval(this.timer)
    await this.queue.catch(() => undefined)
    if (cause instanceof LcubeError && cause.code === 'DEVICE_FULL' && cause.cause === undefined) {
      await this.checkpointNow().catch(() => undefined)
    }
    const pack = this.pack
    this.pack = undefined
    await pack?.close()
    return pack ? { en: `pack ${pack.packNo} left open; the next run recovers it at its last checkpoint`, zh: `数据包 ${pack.packNo} 未封存；下次运行将在其最后检查点处恢复` } : undefined
  }
}
