import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_RULES, PASSWORD_RULE_TEXT, unmetPasswordRules } from '../../../../src-shared/password-policy'
import { useApp } from '../../stores/app'
import { passwordStrength, type Strength } from './strength'

export type PasswordDraft = Readonly<{ value: string; acceptable: boolean }>

/**
 * A new password with the device console's policy ticking as it is typed, a strength meter that knows
 * common Chinese passwords, a confirmation and show/hide. The value lives in this component's state only;
 * the parent clears it by remounting (a new key).
 */
export function PasswordFields({ onChange, testId }: { onChange(draft: PasswordDraft): void; testId: string }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const id = useId()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [visible, setVisible] = useState(false)
  const [scored, setScored] = useState<{ password: string; strength: Strength } | undefined>()
  const strength = scored?.password === password ? scored.strength : undefined
  const unmet = unmetPasswordRules(password)
  const matches = password.length > 0 && password === confirm
  const acceptable = unmet.length === 0 && matches && (strength?.score ?? 0) >= 3

  useEffect(() => {
    let live = true
    if (password) void passwordStrength(password).then((s) => live && setScored({ password, strength: s }))
    return () => {
      live = false
    }
  }, [password])
  useEffect(() => onChange({ value: password, acceptable }), [password, acceptable, onChange])

  const score = strength?.score ?? 0
  return (
    <div className="password-fields" data-testid={testId}>
      <label htmlFor={`${id}-pw`}>{t('password.new')}</label>
      <span className="row">
        <input id={`${id}-pw`} type={visible ? 'text' : 'password'} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid={`${testId}-input`} spellCheck={false} />
        <button type="button" className="ghost" aria-pressed={visible} onClick={() => setVisible(!visible)} data-testid={`${testId}-toggle`}>
          {t(visible ? 'password.hide' : 'password.show')}
        </button>
      </span>
      <ul className="checklist" aria-label={t('password.policy')} data-testid={`${testId}-policy`}>
        {PASSWORD_RULES.map((rule) => {
          const met = password.length > 0 && !unmet.includes(rule)
          return (
            <li key={rule} className={met ? 'met' : ''} data-rule={rule} data-met={met}>
              <span aria-hidden="true">{met ? '✔' : '○'}</span> {PASSWORD_RULE_TEXT[rule][lang]}
            </li>
          )
        })}
      </ul>
      <div className="meter" data-testid={`${testId}-strength`} data-score={password ? score : ''}>
        <div className="meter-track" role="meter" aria-valuemin={0} aria-valuemax={4} aria-valuenow={score} aria-label={t('password.strength')}>
          <div className={`meter-fill s${score}`} style={{ width: `${password ? ((score + 1) / 5) * 100 : 0}%` }} />
        </div>
        <span>{password ? t(`password.score.${score}`) : t('password.strength')}</span>
      </div>
      {strength?.matchedCommon && <p className="field-error" data-testid={`${testId}-common`}>{t('password.commonChinese')}</p>}
      {password && unmet.length === 0 && score < 3 && <p className="field-error">{t('password.tooGuessable')}</p>}
      <label htmlFor={`${id}-confirm`}>{t('password.confirm')}</label>
      <input id={`${id}-confirm`} type={visible ? 'text' : 'password'} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid={`${testId}-confirm`} aria-invalid={confirm.length > 0 && !matches} spellCheck={false} />
      {confirm.length > 0 && !matches && <p className="field-error">{t('password.mismatch')}</p>}
    </div>
  )
}
