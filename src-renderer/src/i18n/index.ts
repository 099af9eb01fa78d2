import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Lang } from '../../../src-shared/localized'
import { en } from './en'
import { zh } from './zh'

const LANG_KEY = 'lcube.lang'

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
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
}

export function currentLang(): Lang {
  return i18next.language === 'zh' ? 'zh' : 'en'
}
