import type { LocalizedText } from '../../../src-shared/localized'
import { PASSWORD_RULE_TEXT, unmetPasswordRules } from '../../../src-shared/password-policy'
import { LcubeError } from '../errors'

/**
 * The policy every new password meets (a new job's, a changed or added slot's). With weakOk a weak one is
 * accepted and onNote warns; otherwise BAD_INPUT names what is missing, before anything is written.
 */
export function checkNewPassword(password: string, weakOk: boolean | undefined, onNote?: (note: LocalizedText) => void): void {
  const unmet = unmetPasswordRules(password)
  if (unmet.length === 0) return
  const en = unmet.map((r) => PASSWORD_RULE_TEXT[r].en).join(', ')
  const zh = unmet.map((r) => PASSWORD_RULE_TEXT[r].zh).join('、')
  if (weakOk) {
    onNote?.({ en: `WARNING: weak password accepted by --weak-password-ok (missing: ${en})`, zh: `警告：因 --weak-password-ok 接受了弱密码（缺少：${zh}）` })
    return
  }
  throw new LcubeError('BAD_INPUT', {
    en: `The new password does not meet the policy: it needs ${en}. Nothing was written`,
    zh: `新密码不符合要求：还需要${zh}。未写入任何数据`,
  })
}
