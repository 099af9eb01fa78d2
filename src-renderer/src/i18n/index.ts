import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Lang } from '../../../src-shared/localized'
import { copyMessages } from './messages/copy'
import { core } from './messages/core'
import { historyMessages } from './messages/history'
import { passwordMessages } from './messages/password'
import { scanMessages } from './messages/scan'
import { verifyMessages } from './messages/verify'

const LANG_KEY = 'lcube.lang'
const FEATURES = [core, scanMessages, passwordMessages, copyMessages, verifyMessages, historyMessages]

/** Every UI string in both languages; a key missing from one table fails the build. */
export const MESSAGES = {
  en: Object.assign({}, ...FEATURES.map((f) => f.en)) as Record<string, string>,
  zh: Object.assign({}, ...FEATURES.map((f) => f.zh)) as Record<string, string>,
}

/** Saved choice first, then the browser/OS locale: Chinese for any zh locale. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY)
  if (saved === 'zh' || saved === 'en') return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

export function setLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang)
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  void i18next.changeLanguage(lang)
}

export function initI18n(): void {
  const lang = initialLang()
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: MESSAGES.en }, zh: { translation: MESSAGES.zh } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
}

export function currentLang(): Lang {
  return i18next.language === 'zh' ? 'zh' : 'en'
}
