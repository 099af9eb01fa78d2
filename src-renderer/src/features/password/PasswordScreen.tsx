import { useCallback, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorData } from '../../../../src-shared/errors'
import type { HandoverSheet as Sheet } from '../../../../src-shared/job-types'
import { ErrorBanner } from '../../app/ErrorBanner'
import { api } from '../../bridge'
import { JobPicker } from '../../components/JobPicker'
import { useApp } from '../../stores/app'
import { HandoverSheet } from './HandoverSheet'
import { PasswordFields, type PasswordDraft } from './PasswordFields'
import { forgetPassword, holdPassword, usePasswordHeld } from './pending-password'
import { ScreenSection } from '../../components/ScreenSection'

const EMPTY: PasswordDraft = { value: '', acceptable: false }

export function PasswordScreen() {
  const { t } = useTranslation()
  return (
    <ScreenSection name="password" title={t('password.title')} subtitle={t('password.subtitle')}>
      <SetPassword />
      <div className="grid two">
        <Handover />
        <ChangePassword />
      </div>
    </ScreenSection>
  )
}

function SetPassword() {
  const { t } = useTranslation()
  const go = useApp((s) => s.go)
  const held = usePasswordHeld()
  const [draft, setDraft] = useState<PasswordDraft>(EMPTY)
  const [resetKey, setResetKey] = useState(0)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!draft.acceptable) return
    holdPassword(draft.value)
    setResetKey((k) => k + 1)
  }
  return (
    <form className="card form" onSubmit={submit} data-testid="set-password">
      <h3>{t('password.setTitle')}</h3>
      <p className="muted">{t('password.setBody')}</p>
      <PasswordFields key={resetKey} testId="new-password" onChange={setDraft} />
      <div className="row">
        <button type="submit" disabled={!draft.acceptable} data-testid="password-use">{t('password.use')}</button>
      </div>
      {held && (
        <div className="banner good" data-testid="password-held" role="status">
          <span>{t('password.held')}</span>
          <button type="button" className="ghost small" onClick={() => go('copy')}>{t('password.toCopy')}</button>
          <button type="button" className="ghost small" onClick={forgetPassword}>{t('password.forget')}</button>
        </div>
      )}
    </form>
  )
}

function Handover() {
  const { t } = useTranslation()
  const [cube, setCube] = useState('')
  const [job, setJob] = useState('')
  const [sheet, setSheet] = useState<Sheet | undefined>()
  const [error, setError] = useState<ErrorData | undefined>()
  const pick = useCallback((c: string, j: string) => {
    setCube(c)
    setJob(j)
  }, [])
  const show = async () => {
    const result = await api.handoverSheet({ cube, job })
    if (result.ok) {
      setSheet(result.value)
      setError(undefined)
    } else setError(result.error)
  }
  return (
    <div className="card form" data-testid="handover">
      <h3>{t('handover.title')}</h3>
      <p className="muted">{t('handover.body')}</p>
      <JobPicker cube={cube} job={job} onChange={pick} testId="handover-pick" />
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      <div className="row">
        <button type="button" disabled={!cube || !job} onClick={() => void show()} data-testid="handover-show">{t('handover.show')}</button>
        {sheet && <button type="button" className="ghost" onClick={() => window.print()} data-testid="handover-print">{t('handover.print')}</button>}
      </div>
      {sheet && <HandoverSheet sheet={sheet} />}
    </div>
  )
}

function ChangePassword() {
  const { t } = useTranslation()
  const [cube, setCube] = useState('')
  const [job, setJob] = useState('')
  const [current, setCurrent] = useState('')
  const [draft, setDraft] = useState<PasswordDraft>(EMPTY)
  const [resetKey, setResetKey] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorData | undefined>()
  const [done, setDone] = useState(false)
  const pick = useCallback((c: string, j: string) => {
    setCube(c)
    setJob(j)
  }, [])
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!draft.acceptable || !current || !cube || !job) return
    setBusy(true)
    setDone(false)
    const result = await api.changePassword({ cube, job, password: current, newPassword: draft.value })
    setBusy(false)
    setCurrent('')
    if (result.ok) {
      setError(undefined)
      setDone(true)
      setResetKey((k) => k + 1)
    } else setError(result.error)
  }
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="change-password">
      <h3>{t('password.changeTitle')}</h3>
      <p className="muted">{t('password.changeBody')}</p>
      <JobPicker cube={cube} job={job} onChange={pick} testId="change-pick" />
      <label>
        {t('password.current')}
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="change-current" />
      </label>
      <PasswordFields key={resetKey} testId="change-new" onChange={setDraft} />
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      <button type="submit" disabled={busy || !draft.acceptable || !current || !job} data-testid="change-submit">{busy ? t('common.running') : t('password.change')}</button>
      {done && <p className="success" data-testid="change-done">{t('password.changed')}</p>}
    </form>
  )
}
