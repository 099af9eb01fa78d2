import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SkippedItem } from '../../../../src-shared/copy-types'
import { formatDuration } from '../../../../src-shared/duration'
import { formatBytes, parseSizeText } from '../../../../src-shared/size'
import { PagedTable } from '../../components/PagedTable'
import { Stat } from '../../components/Stat'
import { useApp } from '../../stores/app'
import { etaSeconds, useCopy } from './copy-store'
import { ThroughputChart } from './ThroughputChart'

export function CopyProgressView() {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const { active, progress, points, problems, summary, pause, resume, cancel, throttle } = useCopy()
  const [limit, setLimit] = useState('')
  const labels = useMemo(() => ({ mbps: t('copy.chart.mbps'), fps: t('copy.chart.fps'), time: t('copy.chart.time') }), [t])
  const problemRows = summary ? summary.problems : problems
  const fetchProblems = useCallback(async (offset: number, count: number) => problemRows.slice(offset, offset + count), [problemRows])
  const limitBytes = limit.trim() ? parseSizeText(limit) : undefined
  const eta = progress ? etaSeconds(progress, points) : undefined
  const last = points.at(-1)
  const percent = progress && progress.bytesTotal > 0 ? Math.min(100, ((progress.bytesRead + progress.alreadyDoneBytes) / progress.bytesTotal) * 100) : 0
  const phase = active?.paused ? 'paused' : (progress?.phase ?? 'counting')
  return (
    <div data-testid="copy-progress">
      {active && (
        <div className="card">
          <div className="section-head">
            <div>
              <h3>{t('copy.running', { job: active.job })} <span className={`pill ${phase === 'paused' ? 'bad' : 'good'}`} data-testid="copy-phase" data-phase={phase}>{t(`copy.phase.${phase}`)}</span></h3>
              <p className="mono muted">{active.cube}</p>
            </div>
            <div className="row">
              {active.paused
                ? <button type="button" onClick={() => void resume()} data-testid="copy-resume">{t('copy.resume')}</button>
                : <button type="button" className="ghost" onClick={() => void pause()} data-testid="copy-pause">{t('copy.pause')}</button>}
              <button type="button" className="ghost danger" onClick={() => void cancel()} data-testid="copy-cancel">{t('copy.cancel')}</button>
            </div>
          </div>
          <div className="bar big" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={t('copy.progress')}>
            <div className="bar-fill" style={{ width: `${percent}%` }} />
          </div>
          {progress && (
            <div className="stats">
              <Stat label={t('common.files')} value={`${(progress.filesProcessed + progress.alreadyDone).toLocaleString()} / ${progress.filesTotal.toLocaleString()}`} testId="copy-files" />
              <Stat label={t('copy.read')} value={`${formatBytes(progress.bytesRead + progress.alreadyDoneBytes)} / ${formatBytes(progress.bytesTotal)}`} />
              <Stat label={t('copy.onCube')} value={formatBytes(progress.bytesOnCube)} />
              <Stat label={t('copy.speed')} value={last ? `${formatBytes(last.bytesPerSecond)}/s · ${Math.round(last.filesPerSecond)} ${t('copy.filesPerSecond')}` : '—'} testId="copy-speed" />
              <Stat label={t('copy.eta')} value={eta === undefined ? '—' : formatDuration(eta * 1000)} testId="copy-eta" />
              <Stat label={t('common.elapsed')} value={formatDuration(progress.elapsedMs)} />
              <Stat label={t('copy.durable')} value={progress.filesDurable.toLocaleString()} />
              <Stat label={t('copy.checkpoint')} value={progress.lastCheckpointAt ? new Date(progress.lastCheckpointAt).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-US') : '—'} testId="copy-checkpoint" />
              <Stat label={t('copy.problems')} value={`${progress.skipped} / ${progress.changed} / ${progress.errors}`} />
            </div>
          )}
          <div className="row throttle">
            <label>
              {t('copy.throttle')} <span className="muted">({active.bwlimit ? `${formatBytes(active.bwlimit)}/s` : t('copy.unlimited')})</span>
              <input data-testid="copy-throttle" value={limit} onChange={(e) => setLimit(e.target.value)} placeholder={t('copy.limitPlaceholder')} aria-invalid={limit.trim() !== '' && limitBytes === undefined} />
            </label>
            <button type="button" className="ghost" disabled={limit.trim() !== '' && limitBytes === undefined} onClick={() => void throttle(limitBytes ?? null)} data-testid="copy-throttle-apply">
              {limit.trim() ? t('copy.throttleApply') : t('copy.throttleLift')}
            </button>
          </div>
          <h4>{t('copy.workers', { count: active.threads })}</h4>
          <ul className="plain mono" data-testid="copy-current">
            {(progress?.current ?? []).map((path) => <li key={path}>{path}</li>)}
          </ul>
        </div>
      )}
      {summary && (
        <div className={`card verdict-card ${summary.status === 'complete' ? 'good' : 'warn'}`} data-testid="copy-summary" data-status={summary.status}>
          <h3>{t(summary.status === 'complete' ? 'copy.done' : 'copy.stopped')}</h3>
          <div className="stats">
            <Stat label={t('common.files')} value={summary.files.toLocaleString()} testId="copy-summary-files" />
            <Stat label={t('copy.read')} value={formatBytes(summary.bytesIn)} />
            <Stat label={t('copy.onCube')} value={formatBytes(summary.bytesOnCube)} />
            <Stat label={t('copy.alreadyDone')} value={summary.alreadyDone.toLocaleString()} />
            <Stat label={t('copy.changed')} value={summary.changed.toLocaleString()} />
            <Stat label={t('copy.errors')} value={summary.errors.toLocaleString()} />
            <Stat label={t('common.elapsed')} value={formatDuration(summary.durationMs)} />
          </div>
          <p>{t('handover.fingerprint')}: <code className="mono" data-testid="copy-fingerprint">{summary.keyFingerprint}</code></p>
          {summary.notes.length > 0 && <ul>{summary.notes.map((n) => <li key={n.en}>{n[lang]}</li>)}</ul>}
        </div>
      )}
      <div className="card">
        <h3>{t('copy.chart')}</h3>
        <ThroughputChart points={points} labels={labels} />
      </div>
      <div className="card" data-testid="copy-problems">
        <h3>{t('copy.problemList', { count: problemRows.length })}</h3>
        <PagedTable<SkippedItem> testId="copy-problem-table" total={problemRows.length} fetchPage={fetchProblems} rowKey={(r, i) => `${i}:${r.path}`} columns={[
          { key: 'path', label: t('common.path'), width: '2fr', render: (r) => r.path },
          { key: 'code', label: t('copy.kind'), width: '120px', render: (r) => t(`copy.skip.${r.code}`) },
          { key: 'reason', label: t('common.reason'), width: '2fr', render: (r) => r.reason[lang] },
        ]} />
      </div>
    </div>
  )
}
