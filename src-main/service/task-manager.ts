import { randomUUID } from 'node:crypto'
import type { ErrorData } from '../../src-shared/errors'
import type { HistoryKind, HistoryOutcome } from '../../src-shared/history-types'
import type { LocalizedText } from '../../src-shared/localized'
import type { ExportFormat, TaskEvent, TaskKind, TaskList, TaskProgressOf, TaskResultOf, TaskRow } from '../../src-shared/task-types'
import { LcubeError, toErrorData } from '../engine/errors'
import type { HistoryRecord, HistoryStore } from './history-store'
import { latestSampler } from './sampler'

/** A long list of a finished task, paged for the UI. */
export type RowSource = Readonly<{ length: number; page(offset: number, limit: number): Promise<ReadonlyArray<TaskRow>> }>

export type TaskOutput<K extends TaskKind> = Readonly<{
  result: TaskResultOf[K]
  lists: Partial<Record<TaskList, RowSource>>
  /** Writes the report in one format to `base` + extension; returns every file written. */
  exportTo(format: ExportFormat, base: string): Promise<string[]>
  outcome: Exclude<HistoryOutcome, 'running' | 'failed'>
  summary: LocalizedText
  dispose(): void
}>

export type TaskWork<K extends TaskKind> = (signal: AbortSignal, onProgress: (progress: TaskProgressOf[K]) => void, log: (text: LocalizedText) => void) => Promise<TaskOutput<K>>

type TaskRun = { id: string; kind: TaskKind; abort: AbortController; history: HistoryRecord; output?: TaskOutput<TaskKind>; done: Promise<void> }

/** Finished tasks kept for paging and export; older ones give their temp files back. */
const KEEP_FINISHED = 6
const PROGRESS_INTERVAL_MS = 200

const GONE = (id: string) => new LcubeError('NOT_FOUND', { en: `No task ${id} (finished tasks are kept until ${KEEP_FINISHED} newer ones finish)`, zh: `没有任务 ${id}（已完成的任务会保留到又有 ${KEEP_FINISHED} 个任务完成为止）` })

/**
 * Runs scans, verifications and comparisons for the UI: each gets an id, its progress goes out sampled
 * (5 per second at most), its result stays for paging and export, and each one leaves a history entry.
 */
export class TaskManager {
  private readonly runs = new Map<string, TaskRun>()
  private readonly finished: string[] = []

  constructor(
    private readonly history: HistoryStore,
    private readonly emit: (event: TaskEvent) => void,
    private readonly reportBase: (kind: TaskKind, id: string) => Promise<string>,
  ) {}

  async start<K extends TaskKind>(kind: K & HistoryKind, subject: Parameters<HistoryStore['begin']>[1], work: TaskWork<K>): Promise<{ id: string }> {
    const history = await this.history.begin(kind, subject)
    const id = randomUUID()
    const run: TaskRun = { id, kind, abort: new AbortController(), history, done: Promise.resolve() }
    const send = (event: unknown) => this.emit(event as TaskEvent)
    const sampler = latestSampler<TaskProgressOf[K]>(PROGRESS_INTERVAL_MS, (progress) => send({ id, task: kind, kind: 'progress', progress }))
    history.log({ en: `${kind} started`, zh: `${KIND_ZH[kind]}已开始` })
    run.done = work(run.abort.signal, sampler.push, (text) => history.log(text)).then(
      async (output) => {
        sampler.flush()
        run.output = output as TaskOutput<TaskKind>
        this.retire(id)
        await history.finish(output.outcome, output.summary)
        send({ id, task: kind, kind: 'finished', result: output.result })
      },
      async (error: unknown) => {
        sampler.flush()
        const data: ErrorData = toErrorData(error)
        this.runs.delete(id)
        await history.finish(data.code === 'INTERRUPTED' || run.abort.signal.aborted ? 'interrupted' : 'failed', data.message)
        send({ id, task: kind, kind: 'failed', error: data })
      },
    )
    this.runs.set(id, run)
    return { id }
  }

  private retire(id: string): void {
    this.finished.push(id)
    while (this.finished.length > KEEP_FINISHED) {
      const old = this.runs.get(this.finished.shift()!)
      old?.output?.dispose()
      if (old) this.runs.delete(old.id)
    }
  }

  private find(id: string): TaskRun {
    const run = this.runs.get(id)
    if (!run) throw GONE(id)
    return run
  }

  cancel(id: string): { cancelled: boolean } {
    const run = this.find(id)
    if (run.output) return { cancelled: false }
    run.abort.abort()
    return { cancelled: true }
  }

  private finishedOutput(id: string): { run: TaskRun; output: TaskOutput<TaskKind> } {
    const run = this.find(id)
    if (!run.output) throw new LcubeError('BAD_INPUT', { en: 'The task is still running', zh: '任务仍在进行中' })
    return { run, output: run.output }
  }

  async rows(id: string, list: TaskList, offset: number, limit: number): Promise<{ total: number; offset: number; rows: ReadonlyArray<TaskRow> }> {
    const { output } = this.finishedOutput(id)
    const source = output.lists[list]
    if (!source) throw new LcubeError('BAD_INPUT', { en: `This task has no list "${list}"`, zh: `该任务没有“${list}”列表` })
    return { total: source.length, offset, rows: await source.page(offset, limit) }
  }

  async exportReport(id: string, format: ExportFormat): Promise<{ files: string[] }> {
    const { run, output } = this.finishedOutput(id)
    const files = await output.exportTo(format, await this.reportBase(run.kind, id))
    await run.history.addReports(files)
    return { files }
  }

  async stopAll(): Promise<void> {
    for (const run of this.runs.values()) run.abort.abort()
    await Promise.all([...this.runs.values()].map((run) => run.done))
    for (const run of this.runs.values()) run.output?.dispose()
    this.runs.clear()
  }
}

const KIND_ZH: Record<TaskKind, string> = { scan: '扫描', verify: '校验', compare: '比对' }
