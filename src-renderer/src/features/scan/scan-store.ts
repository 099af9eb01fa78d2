import { create } from 'zustand'
import type { ScanRequest } from '../../../../src-shared/task-types'
import { api } from '../../bridge'
import { idleTask, startTask, taskFollower, type TaskView } from '../../stores/tasks'

type ScanState = TaskView<'scan'> & {
  sources: string[]
  setSources(sources: string[]): void
  run(request: Omit<ScanRequest, 'sources'>): Promise<void>
  cancel(): Promise<void>
  dismissError(): void
}

/** The requirement list; the sources chosen here are offered to the Copy and Compare screens too. */
export const useScan = create<ScanState>((set, get) => {
  const follower = taskFollower('scan', (patch) => set(patch))
  return {
    ...idleTask,
    sources: [],
    setSources(sources) {
      set({ sources })
    },
    run: (request) => startTask<'scan'>(follower, set, () => api.startScan({ ...request, sources: get().sources })),
    async cancel() {
      const id = get().id
      if (id) await api.cancelTask({ id })
    },
    dismissError() {
      set({ error: undefined })
    },
  }
})
