/** Text in both languages the product speaks; the edge (CLI, UI, report) picks one. */
export type Lang = 'zh' | 'en'

export type LocalizedText = Readonly<{ zh: string; en: string }>

export const LANGS: ReadonlyArray<Lang> = ['zh', 'en']

export function pickText(text: LocalizedText, lang: Lang): string {
  return text[lang]
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en'
}
