import { create } from 'zustand'
import type { CompareRequest, VerifyRequest } from '../../../../src-shared/task-types'
import { api } from '../../bridge'
import { idleTask, startTask, taskFollower, type TaskView } from '../../stores/tasks'

type VerifyState = {
  verify: TaskView<'verify'>
  compare: TaskView<'compare'>
  runVerify(request: VerifyRequest): Promise<void>
  runCompare(request: CompareRequest): Promise<void>
  cancel(kind: 'verify' | 'compare'): Promise<void>
  dismiss(kind: 'verify' | 'compare'): void
}

/** Verification of a cube and comparison of sources against a target; passwords pass through, never kept. */
export const useVerify = create<VerifyState>((set, get) => {
  const setVerify = (patch: Partial<TaskView<'verify'>>) => set((s) => ({ verify: { ...s.verify, ...patch } }))
  const setCompare = (patch: Partial<TaskView<'compare'>>) => set((s) => ({ compare: { ...s.compare, ...patch } }))
  const verifyFollower = taskFollower('verify', setVerify)
  const compareFollower = taskFollower('compare', setCompare)
  return {
    verify: idleTask,
    compare: idleTask,
    runVerify: (request) => startTask<'verify'>(verifyFollower, setVerify, () => api.startVerify(request)),
    runCompare: (request) => startTask<'compare'>(compareFollower, setCompare, () => api.startCompare(request)),
    async cancel(kind) {
      const id = get()[kind].id
      if (id) await api.cancelTask({ id })
    },
    dismiss(kind) {
      if (kind === 'verify') setVerify({ error: undefined })
      else setCompare({ error: undefined })
    },
  }
})
