import { useCallback, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { VERIFY_ISSUE_KINDS, type VerifyIssue } from '../../../../src-shared/job-types'
import { formatBytes } from '../../../../src-shared/size'
import { ErrorBanner } from '../../app/ErrorBanner'
import { ExportBar } from '../../components/ExportBar'
import { JobPicker } from '../../components/JobPicker'
import { PagedTable } from '../../components/PagedTable'
import { SourcesField } from '../../components/PathField'
import { Stat } from '../../components/Stat'
import { useRows } from '../../components/use-rows'
import { useApp } from '../../stores/app'
import { useScan } from '../scan/scan-store'
import { CompareCard } from './CompareCard'
import { useVerify } from './verify-store'
import { ScreenSection } from '../../components/ScreenSection'

export function VerifyScreen() {
  const { t } = useTranslation()
  return (
    <ScreenSection name="verify" title={t('verify.title')} subtitle={t('verify.subtitle')}>
      <VerifyCard />
      <CompareCard />
    </ScreenSection>
  )
}

function VerifyCard() {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const { verify, runVerify, cancel, dismiss } = useVerify()
  const scanSources = useScan((s) => s.sources)
  const [cube, setCube] = useState('')
  const [job, setJob] = useState('')
  const [password, setPassword] = useState('')
  const [sources, setSources] = useState<string[]>(scanSources)
  const [sample, setSample] = useState('')
  const pick = useCallback((c: string, j: string) => {
    setCube(c)
    setJob(j)
  }, [])
  const samplePercent = sample.trim() ? Number(sample) : undefined
  const sampleInvalid = samplePercent !== undefined && !(samplePercent > 0 && samplePercent <= 100)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!cube || !job || !password || sampleInvalid) return
    void runVerify({ cube, job, password, ...(sources.length > 0 ? { sources } : {}), ...(samplePercent ? { samplePercent } : {}) })
    setPassword('')
  }
  const result = verify.result
  const problems = result ? VERIFY_ISSUE_KINDS.reduce((n, k) => n + result.counts[k], 0) : 0
  const fetchIssues = useRows<VerifyIssue>(verify.id ?? '', 'issues')
  return (
    <form className="card form" onSubmit={submit} data-testid="verify-form">
      <h3>{t('verify.cardTitle')}</h3>
      <p className="muted">{t('verify.cardBody')}</p>
      <JobPicker cube={cube} job={job} onChange={pick} testId="verify-pick" />
      <label>
        {t('verify.password')}
        <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="verify-password" />
      </label>
      <SourcesField sources={sources} onChange={setSources} testId="verify-sources" />
      <label>{t('verify.sample')}<input value={sample} onChange={(e) => setSample(e.target.value)} placeholder={t('verify.sampleAll')} aria-invalid={sampleInvalid} inputMode="decimal" /></label>
      <div className="row">
        <button type="submit" disabled={verify.running || !cube || !job || !password || sampleInvalid} data-testid="verify-run">{t('verify.run')}</button>
        {verify.running && <button type="button" className="ghost" onClick={() => void cancel('verify')}>{t('common.cancel')}</button>}
      </div>
      <ErrorBanner error={verify.error} onDismiss={() => dismiss('verify')} />
      {verify.running && verify.progress && (
        <p aria-live="polite" data-testid="verify-progress">{t('verify.progress', { files: verify.progress.files.toLocaleString(), bytes: formatBytes(verify.progress.bytes) })} <span className="mono muted">{verify.progress.current}</span></p>
      )}
      {result && verify.id && (
        <div data-testid="verify-result" data-problems={problems}>
          <p className={`verdict ${problems === 0 ? 'good' : 'bad'}`} data-testid="verify-verdict">{t(problems === 0 ? 'verify.clean' : 'verify.problems', { count: problems })}</p>
          <div className="stats">
            <Stat label={t('verify.packs')} value={result.packsChecked.toLocaleString()} />
            <Stat label={t('common.files')} value={result.filesChecked.toLocaleString()} testId="verify-files" />
            <Stat label={t('common.bytes')} value={formatBytes(result.bytesChecked)} />
            {VERIFY_ISSUE_KINDS.map((k) => <Stat key={k} label={t(`verify.kind.${k}`)} value={result.counts[k].toLocaleString()} />)}
          </div>
          <PagedTable<VerifyIssue> testId="verify-issues" total={result.issues.length} fetchPage={fetchIssues} rowKey={(r, i) => `${i}:${r.path ?? ''}`} columns={[
            { key: 'kind', label: t('copy.kind'), width: '140px', render: (r) => t(`verify.kind.${r.kind}`) },
            { key: 'path', label: t('common.path'), width: '2fr', render: (r) => r.path ?? '' },
            { key: 'detail', label: t('common.detail'), width: '3fr', render: (r) => r.detail[lang] },
          ]} />
          <ExportBar taskId={verify.id} formats={['json', 'csv']} testId="verify-export" />
        </div>
      )}
    </form>
  )
}
