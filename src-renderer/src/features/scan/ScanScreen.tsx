import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../src-shared/size'
import { ErrorBanner } from '../../app/ErrorBanner'
import { SourcesField } from '../../components/PathField'
import { useScan } from './scan-store'
import { ScanResults } from './ScanResults'
import { ScreenSection } from '../../components/ScreenSection'

export function ScanScreen() {
  const { t } = useTranslation()
  const { sources, setSources, run, cancel, running, progress, result, error, dismissError, id } = useScan()
  const [region, setRegion] = useState('')
  const [bucket, setBucket] = useState('')
  const [prefix, setPrefix] = useState('')
  const [symlinks, setSymlinks] = useState(false)
  const [probe, setProbe] = useState(true)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (sources.length === 0) return
    void run({
      ...(region.trim() ? { region: region.trim() } : {}),
      ...(bucket.trim() ? { bucket: bucket.trim() } : {}),
      ...(prefix.trim() ? { prefix: prefix.trim() } : {}),
      transferSymlinks: symlinks,
      probeSeconds: probe ? 2 : 0,
    })
  }

  return (
    <ScreenSection name="scan" title={t('scan.title')} subtitle={t('scan.subtitle')}>
      <ErrorBanner error={error} onDismiss={dismissError} />
      <form className="card form" onSubmit={submit} data-testid="scan-form">
        <SourcesField sources={sources} onChange={setSources} testId="scan-sources" />
        <fieldset>
          <legend>{t('scan.plan')}</legend>
          <div className="row">
            <label>{t('scan.region')}<input data-testid="scan-region" value={region} onChange={(e) => setRegion(e.target.value)} spellCheck={false} /></label>
            <label>{t('scan.bucket')}<input data-testid="scan-bucket" value={bucket} onChange={(e) => setBucket(e.target.value)} spellCheck={false} /></label>
            <label>{t('scan.prefix')}<input data-testid="scan-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} spellCheck={false} /></label>
          </div>
          <label className="check"><input type="checkbox" checked={symlinks} onChange={(e) => setSymlinks(e.target.checked)} /> {t('scan.symlinks')}</label>
          <label className="check"><input type="checkbox" checked={probe} onChange={(e) => setProbe(e.target.checked)} data-testid="scan-probe" /> {t('scan.probe')}</label>
        </fieldset>
        <div className="row">
          <button type="submit" disabled={running || sources.length === 0} data-testid="scan-run">{t('scan.run')}</button>
          {running && <button type="button" className="ghost" onClick={() => void cancel()}>{t('scan.cancel')}</button>}
        </div>
        {sources.length === 0 && <p className="muted">{t('scan.needSources')}</p>}
      </form>
      {running && (
        <div className="card" data-testid="scan-progress" aria-live="polite">
          <h3>{t('scan.progress')}{progress ? ` · ${t(`scan.phase.${progress.phase}`)}` : '…'}</h3>
          {progress && (
            <>
              <p>{t('common.files')}: <strong>{progress.files.toLocaleString()}</strong> · {t('common.dirs')}: {progress.dirs.toLocaleString()} · {formatBytes(progress.bytes)} · {t('scan.rate', { rate: Math.round(progress.filesPerSecond).toLocaleString() })}</p>
              <p className="mono muted">{progress.currentDir}</p>
            </>
          )}
        </div>
      )}
      {result && id && <ScanResults report={result} taskId={id} />}
    </ScreenSection>
  )
}
