import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HistoryEntry, HistoryKind, HistoryLogLine, HistoryOutcome } from '../../src-shared/history-types'
import type { LocalizedText } from '../../src-shared/localized'
import { writeFileAtomic } from '../engine/atomic-write'

/** A long copy logs many notes; the history keeps the first lines and the last ones. */
const MAX_LOG_LINES = 500
const SAVE_DELAY_MS = 1000
const MAX_LISTED = 500

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Draft = Mutable<HistoryEntry> & { log: HistoryLogLine[]; reports: string[] }

/**
 * One running operation's history entry. Saved at once when it starts and finishes, with log lines
 * in between batched, so a crash leaves at most a second of log behind.
 */
export class HistoryRecord {
  private timer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()

  constructor(
    private readonly draft: Draft,
    private readonly file: string,
    private readonly changed: (entry: HistoryEntry) => void,
  ) {}

  get id(): string {
    return this.draft.id
  }

  get entry(): HistoryEntry {
    return { ...this.draft, log: [...this.draft.log], reports: [...this.draft.reports] }
  }

  log(text: LocalizedText): void {
    this.draft.log.push({ at: new Date().toISOString(), text })
    if (this.draft.log.length > MAX_LOG_LINES) this.draft.log.splice(MAX_LOG_LINES / 2, 1)
    this.timer ??= setTimeout(() => void this.save(), SAVE_DELAY_MS)
  }

  addReports(files: ReadonlyArray<string>): Promise<void> {
    this.draft.reports.push(...files)
    return this.save()
  }

  finish(outcome: Exclude<HistoryOutcome, 'running'>, summary: LocalizedText): Promise<void> {
    this.draft.outcome = outcome
    this.draft.summary = summary
    this.draft.finishedAt = new Date().toISOString()
    this.log(summary)
    return this.save()
  }

  save(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const entry = this.entry
    this.saving = this.saving.then(() => writeFileAtomic(this.file, `${JSON.stringify(entry, null, 1)}\n`)).catch(() => undefined)
    this.changed(entry)
    return this.saving
  }
}

/** The app's history: one JSON file per operation in the app's data folder. */
export class HistoryStore {
  private readonly active = new Set<string>()

  constructor(
    private readonly dir: string,
    private readonly changed: (entry: HistoryEntry) => void,
  ) {}

  async begin(kind: HistoryKind, fields: Pick<HistoryEntry, 'sources'> & Partial<Pick<HistoryEntry, 'cube' | 'job' | 'target'>>): Promise<HistoryRecord> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const startedAt = new Date().toISOString()
    const id = `${startedAt.replace(/[-:.Z]/g, '')}-${kind}-${randomUUID().slice(0, 8)}`
    const draft: Draft = { id, kind, startedAt, outcome: 'running', ...fields, reports: [], log: [] }
    this.active.add(id)
    const record = new HistoryRecord(draft, join(this.dir, `${id}.json`), (entry) => {
      if (entry.outcome !== 'running') this.active.delete(entry.id)
      this.changed(entry)
    })
    await record.save()
    return record
  }

  /** Newest first. An entry still 'running' that no live operation owns was cut short by a crash. */
  async list(): Promise<HistoryEntry[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort().reverse().slice(0, MAX_LISTED)
    const entries: HistoryEntry[] = []
    for (const name of names) {
      try {
        const entry = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as HistoryEntry
        entries.push(entry.outcome === 'running' && !this.active.has(entry.id) ? { ...entry, outcome: 'interrupted' } : entry)
      } catch {
        // a file cut short by a crash during its first write: nothing to show
      }
    }
    // ids start with the start time to the millisecond; two starts in one millisecond order by time string
    return entries.sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1))
  }
}
