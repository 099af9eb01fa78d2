/** The device console's rule (DESIGN.md §2): at least 10 characters mixing upper, lower, digit and symbol. */
export const PASSWORD_MIN_LENGTH = 10

export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'symbol'

export const PASSWORD_RULES: ReadonlyArray<PasswordRule> = ['length', 'upper', 'lower', 'digit', 'symbol']

/** The rules a password does not meet yet; empty means it passes. Counts code points, not UTF-16 units. */
export function unmetPasswordRules(password: string): PasswordRule[] {
  const unmet: PasswordRule[] = []
  if ([...password].length < PASSWORD_MIN_LENGTH) unmet.push('length')
  if (!/\p{Lu}/u.test(password)) unmet.push('upper')
  if (!/\p{Ll}/u.test(password)) unmet.push('lower')
  if (!/\p{Nd}/u.test(password)) unmet.push('digit')
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) unmet.push('symbol')
  return unmet
}

export const PASSWORD_RULE_TEXT: Readonly<Record<PasswordRule, Readonly<{ en: string; zh: string }>>> = {
  length: { en: `at least ${PASSWORD_MIN_LENGTH} characters`, zh: `至少 ${PASSWORD_MIN_LENGTH} 个字符` },
  upper: { en: 'an upper-case letter', zh: '一个大写字母' },
  lower: { en: 'a lower-case letter', zh: '一个小写字母' },
  digit: { en: 'a digit', zh: '一个数字' },
  symbol: { en: 'a symbol', zh: '一个符号' },
}
