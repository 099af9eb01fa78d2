import { availableParallelism } from 'node:os'
import type { ActiveCopy, CopyEvent, CopyProgress, CopyRequest } from '../../src-shared/copy-types'
import { CopyControl } from '../engine/copy/copy-control'
import { runCopy } from '../engine/copy/copy-job'
import { LcubeError, toErrorData } from '../engine/errors'
import { checkJobName, defaultJobName } from '../engine/job/job-paths'

type Running = { job: string; cube: string; control: CopyControl; abort: AbortController; progress: CopyProgress | undefined; done: Promise<void> }

const key = (cube: string, job: string) => `${cube}\u0000${job}`

/**
 * The copies the service runs: at most one per job. Progress goes out as sampled events (4 per second),
 * never one message per file. The password goes straight into runCopy and is dropped with the request.
 */
export class CopyManager {
  private readonly running = new Map<string, Running>()

  constructor(private readonly emit: (event: CopyEvent) => void) {}

  start(request: CopyRequest): { job: string } {
    const job = checkJobName(request.job ?? defaultJobName(request.sources[0] ?? ''))
    const id = key(request.cube, job)
    if (this.running.has(id)) {
      throw new LcubeError('LOCKED', { en: `Job "${job}" is already being copied by this app`, zh: `本应用已在拷贝作业“${job}”` })
    }
    const entry: Running = { job, cube: request.cube, control: new CopyControl(), abort: new AbortController(), progress: undefined, done: Promise.resolve() }
    entry.done = runCopy({
      sources: request.sources,
      cubeDir: request.cube,
      jobName: job,
      password: request.password,
      threads: request.threads ?? availableParallelism(),
      level: request.level ?? 3,
      bwlimit: request.bwlimitBytesPerSecond,
      transferSymlinks: request.transferSymlinks ?? false,
      weakPasswordOk: request.weakPasswordOk,
      signal: entry.abort.signal,
      control: entry.control,
      progressIntervalMs: 250,
      onProgress: (progress) => {
        entry.progress = progress
        this.emit({ kind: 'progress', job, progress })
      },
    }).then(
      (summary) => this.emit({ kind: 'finished', job, summary }),
      (error: unknown) => this.emit({ kind: 'failed', job, error: toErrorData(error) }),
    ).finally(() => this.running.delete(id))
    this.running.set(id, entry)
    return { job }
  }

  private find(cube: string, job: string): Running {
    const entry = this.running.get(key(cube, job))
    if (!entry) throw new LcubeError('NOT_FOUND', { en: `No copy of job "${job}" is running`, zh: `作业“${job}”没有正在进行的拷贝` })
    return entry
  }

  private describe(entry: Running): ActiveCopy {
    return { job: entry.job, cube: entry.cube, paused: entry.control.isPaused, progress: entry.progress }
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
