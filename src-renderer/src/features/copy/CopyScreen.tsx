import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parseSizeText } from '../../../../src-shared/size'
import { ErrorBanner } from '../../app/ErrorBanner'
import { CubeSelect } from '../../components/CubeSelect'
import { SourcesField } from '../../components/PathField'
import { useApp } from '../../stores/app'
import { usePasswordHeld } from '../password/pending-password'
import { useScan } from '../scan/scan-store'
import { useCopy } from './copy-store'
import { CopyProgressView } from './CopyProgressView'
import { ScreenSection } from '../../components/ScreenSection'

export function CopyScreen() {
  const { t } = useTranslation()
  const { active, starting, error, dismissError, load, start, summary } = useCopy()
  const scanSources = useScan((s) => s.sources)
  const go = useApp((s) => s.go)
  const held = usePasswordHeld()
  const [sources, setSources] = useState<string[]>(scanSources)
  const [cube, setCube] = useState('')
  const [job, setJob] = useState('')
  const [threads, setThreads] = useState('')
  const [level, setLevel] = useState(3)
  const [limit, setLimit] = useState('')
  const [symlinks, setSymlinks] = useState(false)
  const pickCube = useCallback((path: string) => setCube(path), [])
  useEffect(() => {
    void load()
  }, [load])
  // the window asks before closing while a copy runs (Electron shows its own dialog for this)
  useEffect(() => {
    if (!active) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [active])

  const limitBytes = limit.trim() ? parseSizeText(limit) : undefined
  const limitInvalid = limit.trim() !== '' && limitBytes === undefined
  const threadCount = threads.trim() ? Number(threads) : undefined
  const threadsInvalid = threadCount !== undefined && !(Number.isInteger(threadCount) && threadCount >= 1 && threadCount <= 256)
  const jobInvalid = job.trim() !== '' && !/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u.test(job.trim())
  const canStart = !active && !starting && held && sources.length > 0 && cube !== '' && !limitInvalid && !threadsInvalid && !jobInvalid

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!canStart) return
    void start({
      sources,
      cube,
      level,
      transferSymlinks: symlinks,
      ...(job.trim() ? { job: job.trim() } : {}),
      ...(threadCount ? { threads: threadCount } : {}),
      ...(limitBytes ? { bwlimitBytesPerSecond: limitBytes } : {}),
    })
  }

  return (
    <ScreenSection name="copy" title={t('copy.title')} subtitle={t('copy.subtitle')}>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {!active && (
        <form className="card form" onSubmit={submit} data-testid="copy-form">
          <SourcesField sources={sources} onChange={setSources} testId="copy-sources" />
          <div className="row">
            <CubeSelect value={cube} onChange={pickCube} testId="copy-cube" />
            <label>
              {t('copy.job')}
              <input data-testid="copy-job" value={job} onChange={(e) => setJob(e.target.value)} placeholder={t('copy.jobPlaceholder')} aria-invalid={jobInvalid} spellCheck={false} />
            </label>
          </div>
          <div className="row">
            <label>{t('copy.threads')}<input data-testid="copy-threads" inputMode="numeric" value={threads} onChange={(e) => setThreads(e.target.value)} placeholder={t('copy.threadsAuto')} aria-invalid={threadsInvalid} /></label>
            <label>
              {t('copy.level')}
              <select value={level} onChange={(e) => setLevel(Number(e.target.value))} data-testid="copy-level">
                {[0, 1, 3, 6, 9, 19].map((l) => <option key={l} value={l}>{t(`copy.level.${l}`)}</option>)}
              </select>
            </label>
            <label>{t('copy.limit')}<input data-testid="copy-limit" value={limit} onChange={(e) => setLimit(e.target.value)} placeholder={t('copy.limitPlaceholder')} aria-invalid={limitInvalid} /></label>
          </div>
          {limitInvalid && <p className="field-error">{t('copy.limitInvalid')}</p>}
          {jobInvalid && <p className="field-error">{t('copy.jobInvalid')}</p>}
          <label className="check"><input type="checkbox" checked={symlinks} onChange={(e) => setSymlinks(e.target.checked)} /> {t('scan.symlinks')}</label>
          <div className={`banner ${held ? 'good' : 'warn'}`} data-testid="copy-password-state">
            <span>{t(held ? 'copy.passwordReady' : 'copy.passwordMissing')}</span>
            {!held && <button type="button" className="ghost small" onClick={() => go('password')} data-testid="copy-to-password">{t('copy.setPassword')}</button>}
          </div>
          <button type="submit" disabled={!canStart} data-testid="copy-start">{starting ? t('common.running') : t('copy.start')}</button>
        </form>
      )}
      {(active || summary) && <CopyProgressView />}
    </ScreenSection>
  )
}
