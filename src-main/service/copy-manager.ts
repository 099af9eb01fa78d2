import { availableParallelism } from 'node:os'
import type { ActiveCopy, CopyEvent, CopyProgress, CopyRequest, CopySummary, SkippedItem } from '../../src-shared/copy-types'
import type { LocalizedText } from '../../src-shared/localized'
import { formatBytes } from '../../src-shared/size'
import { CopyControl } from '../engine/copy/copy-control'
import { runCopy } from '../engine/copy/copy-job'
import { checkpointPolicyFromEnv } from '../engine/copy/job-writer'
import { scryptParamsForNewSlot } from '../engine/format/kdf'
import { LcubeError, toErrorData } from '../engine/errors'
import { checkJobName, defaultJobName } from '../engine/job/job-paths'
import type { HistoryStore } from './history-store'

type Running = {
  job: string
  cube: string
  threads: number
  control: CopyControl
  abort: AbortController
  progress: CopyProgress | undefined
  /** Problems since the last progress event, sent with it (never one message per file). */
  problems: SkippedItem[]
  done: Promise<void>
}

const key = (cube: string, job: string) => `${cube}\u0000${job}`
/** A burst of thousands of skipped files reaches the UI as its first entries; the summary and the cube hold all. */
const MAX_PROBLEMS_PER_EVENT = 200

function copyOutcome(summary: CopySummary): { outcome: 'ok' | 'findings' | 'interrupted'; text: LocalizedText } {
  const skipped = Object.values(summary.skippedByReason).reduce((a, b) => a + b, 0)
  const text = {
    en: `${summary.status === 'complete' ? 'Copy complete' : 'Copy stopped at a checkpoint (run it again to resume)'}: ${summary.files} files, ${formatBytes(summary.bytesIn)} read, ${formatBytes(summary.bytesOnCube)} on the cube; ${skipped} skipped, ${summary.changed} changed during copy, ${summary.errors} errors; key fingerprint ${summary.keyFingerprint}`,
    zh: `${summary.status === 'complete' ? '拷贝完成' : '拷贝已在检查点停止（再次运行即可续传）'}：${summary.files} 个文件，读取 ${formatBytes(summary.bytesIn)}，设备上 ${formatBytes(summary.bytesOnCube)}；跳过 ${skipped}，拷贝中变化 ${summary.changed}，错误 ${summary.errors}；密钥指纹 ${summary.keyFingerprint}`,
  }
  if (summary.status !== 'complete') return { outcome: 'interrupted', text }
  return { outcome: skipped + summary.changed + summary.errors > 0 ? 'findings' : 'ok', text }
}

/**
 * The copies the service runs: at most one per job. Progress goes out as sampled events (4 per second),
 * never one message per file. The password goes straight into runCopy and is dropped with the request.
 */
export class CopyManager {
  private readonly running = new Map<string, Running>()

  constructor(
    private readonly emit: (event: CopyEvent) => void,
    private readonly history: HistoryStore,
    /** The service's environment: the checkpoint policy and a new job's KDF cost come from it. */
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(request: CopyRequest): Promise<{ job: string }> {
    const job = checkJobName(request.job ?? defaultJobName(request.sources[0] ?? ''))
    const id = key(request.cube, job)
    if (this.running.has(id)) {
      throw new LcubeError('LOCKED', { en: `Job "${job}" is already being copied by this app`, zh: `本应用已在拷贝作业“${job}”` })
    }
    const threads = request.threads ?? availableParallelism()
    const entry: Running = { job, cube: request.cube, threads, control: new CopyControl(request.bwlimitBytesPerSecond), abort: new AbortController(), progress: undefined, problems: [], done: Promise.resolve() }
    this.running.set(id, entry)
    const record = await this.history.begin('copy', { sources: request.sources, cube: request.cube, job }).catch((error: unknown) => {
      this.running.delete(id)
      throw error
    })
    record.log({ en: `copy of job ${job} started with ${threads} workers`, zh: `作业 ${job} 开始拷贝，${threads} 个工作线程` })
    const cube = request.cube
    entry.done = runCopy({
      sources: request.sources,
      cubeDir: request.cube,
      jobName: job,
      password: request.password,
      threads,
      level: request.level ?? 3,
      transferSymlinks: request.transferSymlinks ?? false,
      weakPasswordOk: request.weakPasswordOk,
      checkpoint: checkpointPolicyFromEnv(this.env),
      kdf: scryptParamsForNewSlot(this.env),
      signal: entry.abort.signal,
      control: entry.control,
      progressIntervalMs: 250,
      onNote: (note) => record.log(note),
      onProblem: (item) => {
        record.log({ en: `${item.path}: ${item.reason.en}`, zh: `${item.path}：${item.reason.zh}` })
        if (entry.problems.length < MAX_PROBLEMS_PER_EVENT) entry.problems.push(item)
      },
      onProgress: (progress) => {
        entry.progress = progress
        const problems = entry.problems.splice(0)
        this.emit({ kind: 'progress', job, cube, progress, paused: entry.control.isPaused, bwlimit: entry.control.throttle.bytesPerSecond ?? null, threads, problems })
      },
    }).then(
      async (summary) => {
        const { outcome, text } = copyOutcome(summary)
        await record.finish(outcome, text)
        this.emit({ kind: 'finished', job, cube, summary })
      },
      async (error: unknown) => {
        const data = toErrorData(error)
        await record.finish(data.code === 'INTERRUPTED' || data.code === 'DEVICE_MISSING' ? 'interrupted' : 'failed', data.message)
        this.emit({ kind: 'failed', job, cube, error: data })
      },
    ).finally(() => this.running.delete(id))
    return { job }
  }

  private find(cube: string, job: string): Running {
    const entry = this.running.get(key(cube, job))
    if (!entry) throw new LcubeError('NOT_FOUND', { en: `No copy of job "${job}" is running`, zh: `作业“${job}”没有正在进行的拷贝` })
    return entry
  }

  private describe(entry: Running): ActiveCopy {
    return { job: entry.job, cube: entry.cube, paused: entry.control.isPaused, threads: entry.threads, bwlimit: entry.control.throttle.bytesPerSecond ?? null, progress: entry.progress }
  }

  pause(cube: string, job: string): ActiveCopy {
    const entry = this.find(cube, job)
    entry.control.pause()
    return this.describe(entry)
  }

  resume(cube: string, job: string): ActiveCopy {
    const entry = this.find(cube, job)
    entry.control.resume()
    return this.describe(entry)
  }

  throttle(cube: string, job: string, bytesPerSecond: number | null): ActiveCopy {
    const entry = this.find(cube, job)
    entry.control.setThrottle(bytesPerSecond ?? undefined)
    return this.describe(entry)
  }

  /** Stops at a clean checkpoint; the 'finished' event reports status "interrupted". */
  cancel(cube: string, job: string): ActiveCopy {
    const entry = this.find(cube, job)
    entry.abort.abort()
    entry.control.resume()
    return this.describe(entry)
  }

  list(): ActiveCopy[] {
    return [...this.running.values()].map((entry) => this.describe(entry))
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()]
    for (const entry of all) {
      entry.abort.abort()
      entry.control.resume()
    }
    await Promise.all(all.map((entry) => entry.done))
  }
}
