import { useCallback } from 'react'
import type { TaskList } from '../../../src-shared/task-types'
import { api } from '../bridge'

/** A page fetcher over one of a finished task's lists, stable for PagedTable's effect. */
export function useRows<T>(taskId: string, list: TaskList): (offset: number, limit: number) => Promise<ReadonlyArray<T>> {
  return useCallback(
    async (offset: number, limit: number) => {
      const result = await api.taskRows({ id: taskId, list, offset, limit })
      return result.ok ? (result.value.rows as ReadonlyArray<T>) : []
    },
    [taskId, list],
  )
}
