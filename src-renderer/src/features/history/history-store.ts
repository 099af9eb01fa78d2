import { create } from 'zustand'
import type { ErrorData } from '../../../../src-shared/errors'
import type { HistoryEntry } from '../../../../src-shared/history-types'
import { api } from '../../bridge'

type HistoryState = {
  entries: ReadonlyArray<HistoryEntry>
  loaded: boolean
  error: ErrorData | undefined
  load(): Promise<void>
}

/** Past operations, newest first; a running one updates in place as its history entry changes. */
export const useHistory = create<HistoryState>((set, get) => {
  api.onHistoryChanged((entry) => {
    const others = get().entries.filter((e) => e.id !== entry.id)
    set({ entries: [entry, ...others].sort((a, b) => (a.id < b.id ? 1 : -1)) })
  })
  return {
    entries: [],
    loaded: false,
    error: undefined,
    async load() {
      const result = await api.listHistory()
      if (result.ok) set({ entries: result.value, loaded: true, error: undefined })
      else set({ error: result.error, loaded: true })
    },
  }
})
