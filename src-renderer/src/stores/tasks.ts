import type { ErrorData } from '../../../src-shared/errors'
import type { TaskEvent, TaskKind, TaskProgressOf, TaskResultOf } from '../../../src-shared/task-types'
import { api } from '../bridge'

/** What a screen shows of one task: where it is, and how it ended. */
export type TaskView<K extends TaskKind> = Readonly<{
  id: string | undefined
  running: boolean
  progress: TaskProgressOf[K] | undefined
  result: TaskResultOf[K] | undefined
  error: ErrorData | undefined
}>

export const idleTask = { id: undefined, running: false, progress: undefined, result: undefined, error: undefined } as const

const MAX_BUFFERED = 64

/**
 * Follows one kind of task for a store. A small task can finish before its start call returns, so
 * events for ids not yet claimed are held and replayed when the store claims the id.
 */
export function taskFollower<K extends TaskKind>(kind: K, update: (patch: NoInfer<Partial<TaskView<K>>>) => void): { claim(id: string): void } {
  let current: string | undefined
  const buffered: TaskEvent[] = []
  const apply = (event: TaskEvent) => {
    if (event.kind === 'progress') update({ progress: event.progress as TaskProgressOf[K] })
    else if (event.kind === 'finished') update({ running: false, result: event.result as TaskResultOf[K] })
    else update({ running: false, error: event.error })
  }
  api.onTaskEvent((event) => {
    if (event.task !== kind) return
    if (event.id === current) apply(event)
    else {
      buffered.push(event)
      if (buffered.length > MAX_BUFFERED) buffered.shift()
    }
  })
  return {
    claim(id) {
      current = id
      for (const event of buffered.splice(0)) if (event.id === id) apply(event)
    },
  }
}

/** Starts a task and claims its id; the store's state goes to running, then follows events. */
export async function startTask<K extends TaskKind>(
  follower: { claim(id: string): void },
  set: (patch: Partial<TaskView<K>>) => void,
  start: () => Promise<{ ok: true; value: { id: string } } | { ok: false; error: ErrorData }>,
): Promise<void> {
  set({ ...idleTask, running: true })
  const result = await start()
  if (!result.ok) {
    set({ running: false, error: result.error })
    return
  }
  set({ id: result.value.id })
  follower.claim(result.value.id)
}
