import { create } from 'zustand'
import type { CopyEvent, CopyProgress, CopyRequest, CopySummary, SkippedItem } from '../../../../src-shared/copy-types'
import type { ErrorData } from '../../../../src-shared/errors'
import { api } from '../../bridge'
import { takePassword } from '../password/pending-password'

export type RatePoint = Readonly<{ t: number; bytesPerSecond: number; filesPerSecond: number }>

type Active = Readonly<{ cube: string; job: string; paused: boolean; threads: number; bwlimit: number | null }>

type CopyState = {
  active: Active | undefined
  progress: CopyProgress | undefined
  points: RatePoint[]
  problems: SkippedItem[]
  summary: CopySummary | undefined
  error: ErrorData | undefined
  starting: boolean
  start(request: Omit<CopyRequest, 'password'>): Promise<void>
  pause(): Promise<void>
  resume(): Promise<void>
  cancel(): Promise<void>
  throttle(bytesPerSecond: number | null): Promise<void>
  load(): Promise<void>
  dismissError(): void
}

/** Days of copying fit in a bounded chart: past this many points, neighbours are averaged into one. */
const MAX_POINTS = 1200
const MAX_PROBLEMS = 5000

function halve(points: RatePoint[]): RatePoint[] {
  const out: RatePoint[] = []
  for (let i = 0; i + 1 < points.length; i += 2) {
    const a = points[i]!
    const b = points[i + 1]!
    out.push({ t: b.t, bytesPerSecond: (a.bytesPerSecond + b.bytesPerSecond) / 2, filesPerSecond: (a.filesPerSecond + b.filesPerSecond) / 2 })
  }
  return out
}

/** ETA from the last minute's average read rate; undefined while counting or standing still. */
export function etaSeconds(progress: CopyProgress, points: ReadonlyArray<RatePoint>): number | undefined {
  if (progress.phase === 'counting' || progress.bytesTotal === 0) return undefined
  const recent = points.filter((p) => p.t >= (points.at(-1)?.t ?? 0) - 60)
  const rate = recent.reduce((n, p) => n + p.bytesPerSecond, 0) / Math.max(1, recent.length)
  const remaining = Math.max(0, progress.bytesTotal - progress.alreadyDoneBytes - progress.bytesRead)
  return rate > 0 ? remaining / rate : undefined
}

export const useCopy = create<CopyState>((set, get) => {
  let previous: CopyProgress | undefined
  const matches = (event: CopyEvent) => {
    const active = get().active
    return active !== undefined && active.cube === event.cube && active.job === event.job
  }
  // a small copy can end before its start call returns: its last word waits here for the store to claim it
  const ended = new Map<string, CopyEvent>()
  const endKey = (cube: string, job: string) => `${cube}\u0000${job}`
  const apply = (event: CopyEvent) => {
    if (event.kind === 'progress') {
      const p = event.progress
      let points = get().points
      if (previous && p.elapsedMs > previous.elapsedMs) {
        const dt = (p.elapsedMs - previous.elapsedMs) / 1000
        points = [...points, { t: p.elapsedMs / 1000, bytesPerSecond: Math.max(0, p.bytesRead - previous.bytesRead) / dt, filesPerSecond: Math.max(0, p.filesProcessed - previous.filesProcessed) / dt }]
        if (points.length > MAX_POINTS) points = halve(points)
      }
      previous = p
      const problems = event.problems.length > 0 ? [...get().problems, ...event.problems].slice(0, MAX_PROBLEMS) : get().problems
      set({ progress: p, points, problems, active: { cube: event.cube, job: event.job, paused: event.paused, threads: event.threads, bwlimit: event.bwlimit } })
    } else if (event.kind === 'finished') {
      set({ summary: event.summary, active: undefined })
    } else {
      set({ error: event.error, active: undefined })
    }
  }
  api.onCopyEvent((event) => {
    if (matches(event)) apply(event)
    else if (event.kind !== 'progress') {
      ended.set(endKey(event.cube, event.job), event)
      if (ended.size > 16) ended.delete(ended.keys().next().value!)
    }
  })
  const control = async (call: () => ReturnType<typeof api.pauseCopy>) => {
    const result = await call()
    if (result.ok) {
      const { cube, job, paused, threads, bwlimit } = result.value
      set({ active: { cube, job, paused, threads, bwlimit } })
    } else set({ error: result.error })
  }
  const ref = () => ({ cube: get().active?.cube ?? '', job: get().active?.job ?? '' })
  return {
    active: undefined,
    progress: undefined,
    points: [],
    problems: [],
    summary: undefined,
    error: undefined,
    starting: false,
    async start(request) {
      const password = takePassword()
      if (!password) {
        set({ error: { code: 'BAD_INPUT', message: { en: 'Set the password on the Password screen first', zh: '请先在“密码”页设置密码' } } })
        return
      }
      previous = undefined
      ended.clear()
      set({ starting: true, error: undefined, summary: undefined, progress: undefined, points: [], problems: [] })
      const result = await api.startCopy({ ...request, password })
      if (result.ok) {
        const key = endKey(request.cube, result.value.job)
        set({ starting: false, active: { cube: request.cube, job: result.value.job, paused: false, threads: request.threads ?? 0, bwlimit: request.bwlimitBytesPerSecond ?? null } })
        const early = ended.get(key)
        if (early) apply(early)
      } else set({ starting: false, error: result.error })
    },
    pause: () => control(() => api.pauseCopy(ref())),
    resume: () => control(() => api.resumeCopy(ref())),
    cancel: () => control(() => api.cancelCopy(ref())),
    throttle: (bytesPerSecond) => control(() => api.throttleCopy({ ...ref(), bytesPerSecond })),
    async load() {
      if (get().active) return
      const result = await api.listCopies()
      const running = result.ok ? result.value[0] : undefined
      if (running) set({ active: { cube: running.cube, job: running.job, paused: running.paused, threads: running.threads, bwlimit: running.bwlimit }, progress: running.progress })
    },
    dismissError() {
      set({ error: undefined })
    },
  }
})
