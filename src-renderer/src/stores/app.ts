import { create } from 'zustand'
import type { AppInfo } from '../../../src-shared/contract'
import type { Lang } from '../../../src-shared/localized'
import { api } from '../bridge'
import { initialLang, setLang } from '../i18n/index'

export const SCREENS = ['devices', 'requirements', 'password', 'copy', 'verify', 'history'] as const
export type Screen = (typeof SCREENS)[number]

function screenFromHash(): Screen {
  const name = window.location.hash.replace(/^#/, '')
  return (SCREENS as ReadonlyArray<string>).includes(name) ? (name as Screen) : 'devices'
}

type AppState = {
  info: AppInfo | undefined
  lang: Lang
  screen: Screen
  load(): Promise<void>
  switchLang(lang: Lang): void
  go(screen: Screen): void
}

export const useApp = create<AppState>((set) => {
  window.addEventListener('hashchange', () => set({ screen: screenFromHash() }))
  return {
    info: undefined,
    lang: initialLang(),
    screen: screenFromHash(),
    async load() {
      const result = await api.getAppInfo()
      if (result.ok) set({ info: result.value })
    },
    switchLang(lang) {
      setLang(lang)
      set({ lang })
    },
    go(screen) {
      if (window.location.hash !== `#${screen}`) window.location.hash = screen
      set({ screen })
    },
  }
})
