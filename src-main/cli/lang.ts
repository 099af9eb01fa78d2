import type { Lang } from '../../src-shared/localized'

/** Language from the usual locale variables, in POSIX precedence; Chinese for any zh locale. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}
