import { create } from 'zustand'
import type { AppInfo } from '../../../src-shared/contract'
import type { Lang } from '../../../src-shared/localized'
import { api } from '../bridge'
import { initialLang, setLang } from '../i18n/index'

type AppState = {
  info: AppInfo | undefined
  lang: Lang
  load(): Promise<void>
  switchLang(lang: Lang): void
}

export const useApp = create<AppState>((set) => ({
  info: undefined,
  lang: initialLang(),
  async load() {
    const result = await api.getAppInfo()
    if (result.ok) set({ info: result.value })
  },
  switchLang(lang) {
    setLang(lang)
    set({ lang })
  },
}))
