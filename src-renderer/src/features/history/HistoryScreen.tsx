import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HistoryEntry } from '../../../../src-shared/history-types'
import type { JobStatus } from '../../../../src-shared/job-types'
import { formatBytes } from '../../../../src-shared/size'
import { ErrorBanner } from '../../app/ErrorBanner'
import { api } from '../../bridge'
import { CubeSelect } from '../../components/CubeSelect'
import { useApp } from '../../stores/app'
import { useHistory } from './history-store'
import { ScreenSection } from '../../components/ScreenSection'

export function HistoryScreen() {
  const { t } = useTranslation()
  const { entries, loaded, error, load } = useHistory()
  useEffect(() => {
    void load()
  }, [load])
  return (
    <ScreenSection name="history" title={t('history.title')} subtitle={t('history.subtitle')} actions={<button type="button" className="ghost" onClick={() => void load()}>{t('devices.refresh')}</button>}>
      <ErrorBanner error={error} onDismiss={() => undefined} />
      <CubeJobs />
      <div className="card">
        <h3>{t('history.operations')}</h3>
        {!loaded ? <p className="muted">{t('common.loading')}</p> : entries.length === 0 ? (
          <p className="muted" data-testid="history-empty">{t('history.empty')}</p>
        ) : (
          <ul className="history" data-testid="history-list">
            {entries.map((entry) => <HistoryItem key={entry.id} entry={entry} />)}
          </ul>
        )}
      </div>
    </ScreenSection>
  )
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')
  const tone = entry.outcome === 'ok' ? 'good' : entry.outcome === 'running' ? '' : 'bad'
  return (
    <li data-testid="history-entry" data-kind={entry.kind} data-outcome={entry.outcome}>
      <details>
        <summary>
          <span className="pill">{t(`history.kind.${entry.kind}`)}</span>
          <span className={`pill ${tone}`}>{t(`history.outcome.${entry.outcome}`)}</span>
          <time dateTime={entry.startedAt}>{when(entry.startedAt)}</time>
          <span className="mono">{entry.job ? `${entry.job} · ` : ''}{entry.target ?? entry.cube ?? entry.sources.join(', ')}</span>
        </summary>
        {entry.summary && <p data-testid="history-summary">{entry.summary[lang]}</p>}
        {entry.sources.length > 0 && <p className="muted">{t('common.sources')}: <span className="mono">{entry.sources.join(', ')}</span></p>}
        {entry.reports.length > 0 && (
          <div data-testid="history-reports">
            <h4>{t('history.reports')}</h4>
            <ul className="plain">{entry.reports.map((r) => <li key={r}><code className="mono">{r}</code></li>)}</ul>
          </div>
        )}
        <h4>{t('history.log')}</h4>
        <ol className="log" data-testid="history-log">
          {entry.log.map((line, i) => <li key={`${i}-${line.at}`}><time className="muted">{new Date(line.at).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-US')}</time> {line.text[lang]}</li>)}
        </ol>
        {entry.finishedAt && <p className="muted">{t('history.finished', { at: when(entry.finishedAt) })}</p>}
      </details>
    </li>
  )
}

function CubeJobs() {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const [cube, setCube] = useState('')
  const [jobs, setJobs] = useState<ReadonlyArray<JobStatus>>([])
  useEffect(() => {
    if (!cube) return
    let live = true
    void api.listJobs({ path: cube }).then((result) => live && setJobs(result.ok ? result.value : []))
    return () => {
      live = false
    }
  }, [cube])
  return (
    <div className="card" data-testid="cube-jobs">
      <h3>{t('history.jobs')}</h3>
      <CubeSelect value={cube} onChange={setCube} testId="history-cube" />
      {cube && jobs.length === 0 && <p className="muted">{t('history.noJobs')}</p>}
      {jobs.length > 0 && (
        <table className="simple">
          <thead><tr><th>{t('common.job')}</th><th>{t('handover.state')}</th><th>{t('common.files')}</th><th>{t('copy.onCube')}</th><th>{t('copy.checkpoint')}</th><th>{t('handover.fingerprint')}</th></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.name} data-testid="cube-job" data-state={j.state}>
                <td>{j.name}</td>
                <td>{t(`history.jobState.${j.state}`)}</td>
                <td>{j.filesDone.toLocaleString()}{j.filesTotal !== undefined ? ` / ${j.filesTotal.toLocaleString()}` : ''}</td>
                <td>{formatBytes(j.bytesOnCube)}</td>
                <td>{j.lastCheckpointAt ? new Date(j.lastCheckpointAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US') : '—'}</td>
                <td className="mono">{j.keyFingerprint ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
