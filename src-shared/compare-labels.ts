import type { CompareCategory } from './compare-types'
import type { LocalizedText } from './localized'

export const CATEGORY_TITLES: Readonly<Record<CompareCategory, LocalizedText>> = {
  match: { en: 'Match', zh: '一致' },
  differ: { en: 'Differ', zh: '不一致' },
  missingInTarget: { en: 'Missing in target', zh: '目标缺失' },
  extraInTarget: { en: 'Extra in target', zh: '目标多出' },
  error: { en: 'Error (not checked)', zh: '错误（未能检查）' },
}
