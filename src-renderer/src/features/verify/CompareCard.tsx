import { useCallback, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CATEGORY_TITLES } from '../../../../src-shared/compare-labels'
import { COMPARE_CATEGORIES, COMPARE_MODES, type CompareCategory, type CompareMode, type CompareRow } from '../../../../src-shared/compare-types'
import { formatBytes } from '../../../../src-shared/size'
import { ErrorBanner } from '../../app/ErrorBanner'
import { ExportBar } from '../../components/ExportBar'
import { JobPicker } from '../../components/JobPicker'
import { PagedTable } from '../../components/PagedTable'
import { PathField, SourcesField } from '../../components/PathField'
import { useRows } from '../../components/use-rows'
import { useApp } from '../../stores/app'
import { useScan } from '../scan/scan-store'
import { useVerify } from './verify-store'

const TARGET_KINDS = ['cube', 'directory', 'listing', 's3'] as const
type TargetKind = (typeof TARGET_KINDS)[number]

export function CompareCard() {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const { compare, runCompare, cancel, dismiss } = useVerify()
  const scanSources = useScan((s) => s.sources)
  const [sources, setSources] = useState<string[]>(scanSources)
  const [kind, setKind] = useState<TargetKind>('cube')
  const [cube, setCube] = useState('')
  const [job, setJob] = useState('')
  const [password, setPassword] = useState('')
  const [location, setLocation] = useState('')
  const [endpoint, setEndpoint] = useState('')
  const [prefix, setPrefix] = useState('')
  const [mode, setMode] = useState<CompareMode>('hash')
  const [chosen, setCategory] = useState<CompareCategory | undefined>()
  const pick = useCallback((c: string, j: string) => {
    setCube(c)
    setJob(j)
  }, [])
  const against = kind === 'cube' ? (cube ? `cube:${cube}${job ? `#${job}` : ''}` : '') : location.trim()
  const ready = sources.length > 0 && against !== '' && (kind !== 'cube' || password !== '') && (kind !== 's3' || /^(s3|oss):\/\//.test(against))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    void runCompare({
      sources,
      against,
      mode,
      ...(kind === 'cube' ? { password, job } : {}),
      ...(kind === 's3' && endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
      ...(kind !== 'cube' && prefix.trim() ? { prefix: prefix.trim() } : {}),
    })
    setPassword('')
  }
  const result = compare.result
  // problems first: the first category with rows, in the order a reader must act on them
  const category: CompareCategory = chosen ?? (['differ', 'missingInTarget', 'error', 'extraInTarget', 'match'] as const).find((c) => (result?.summary[c] ?? 0) > 0) ?? 'differ'
  const fetchRows = useRows<CompareRow>(compare.id ?? '', category)
  return (
    <form className="card form" onSubmit={submit} data-testid="compare-form">
      <h3>{t('compare.cardTitle')}</h3>
      <p className="muted">{t('compare.cardBody')}</p>
      <SourcesField sources={sources} onChange={setSources} testId="compare-sources" />
      <div className="row">
        <label>
          {t('compare.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as TargetKind)} data-testid="compare-kind">
            {TARGET_KINDS.map((k) => <option key={k} value={k}>{t(`compare.kind.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('compare.mode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as CompareMode)} data-testid="compare-mode">
            {COMPARE_MODES.map((m) => <option key={m} value={m}>{t(`compare.mode.${m}`)}</option>)}
          </select>
        </label>
      </div>
      {kind === 'cube' && (
        <>
          <JobPicker cube={cube} job={job} onChange={pick} testId="compare-pick" />
          <label>{t('verify.password')}<input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="compare-password" /></label>
        </>
      )}
      {kind === 'directory' && <PathField label={t('compare.directory')} value={location} onChange={setLocation} testId="compare-location" placeholder="/mnt/restore" />}
      {kind === 'listing' && (
        <label>{t('compare.listing')}<input value={location} onChange={(e) => setLocation(e.target.value)} data-testid="compare-location" placeholder="/data/listing.csv, /data/inventory/manifest.json" spellCheck={false} /></label>
      )}
      {kind === 's3' && (
        <div className="row">
          <label>{t('compare.bucketUrl')}<input value={location} onChange={(e) => setLocation(e.target.value)} data-testid="compare-location" placeholder="oss://bucket/prefix" spellCheck={false} /></label>
          <label>{t('compare.endpoint')}<input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://oss-cn-hangzhou.aliyuncs.com" spellCheck={false} /></label>
        </div>
      )}
      {kind !== 'cube' && <label>{t('scan.prefix')}<input value={prefix} onChange={(e) => setPrefix(e.target.value)} spellCheck={false} /></label>}
      {kind === 's3' && <p className="muted">{t('compare.credentials')}</p>}
      <div className="row">
        <button type="submit" disabled={compare.running || !ready} data-testid="compare-run">{t('compare.run')}</button>
        {compare.running && <button type="button" className="ghost" onClick={() => void cancel('compare')}>{t('common.cancel')}</button>}
      </div>
      <ErrorBanner error={compare.error} onDismiss={() => dismiss('compare')} />
      {compare.running && compare.progress && (
        <p aria-live="polite" data-testid="compare-progress">{t('compare.progress', { source: compare.progress.sourceFiles.toLocaleString(), target: compare.progress.targetObjects.toLocaleString(), bytes: formatBytes(compare.progress.checkedBytes) })} <span className="mono muted">{compare.progress.current}</span></p>
      )}
      {result && compare.id && (
        <div data-testid="compare-result">
          <div className={`verdict ${result.safeToDelete ? 'good' : 'bad'}`} data-testid="compare-verdict" data-safe={result.safeToDelete}>
            <strong>{t(result.safeToDelete ? 'compare.safe' : 'compare.unsafe')}</strong>
            <ul>{result.verdict.map((v) => <li key={v.en}>{v[lang]}</li>)}</ul>
          </div>
          {result.notes.length > 0 && <ul className="notes">{result.notes.map((n) => <li key={n.en}>{n[lang]}</li>)}</ul>}
          <div className="tabs" role="tablist" aria-label={t('compare.categories')}>
            {COMPARE_CATEGORIES.map((c) => (
              <button key={c} type="button" role="tab" aria-selected={category === c} className={`tab ${category === c ? 'active' : ''} cat-${c}`} onClick={() => setCategory(c)} data-testid={`compare-tab-${c}`} data-count={result.summary[c]}>
                {CATEGORY_TITLES[c][lang]} <strong>{result.summary[c].toLocaleString()}</strong>
                <span className="muted"> · {formatBytes(result.summary.bytes[c])}</span>
              </button>
            ))}
          </div>
          <PagedTable<CompareRow> key={category} testId="compare-rows" total={result.summary[category]} fetchPage={fetchRows} rowKey={(r, i) => `${i}:${r.path}`} columns={[
            { key: 'path', label: t('common.path'), width: '3fr', render: (r) => r.path },
            { key: 'size', label: t('compare.sizes'), width: '160px', render: (r) => `${r.sourceSize === null ? '—' : formatBytes(r.sourceSize)} / ${r.targetSize === null ? '—' : formatBytes(r.targetSize)}` },
            { key: 'by', label: t('compare.matchedBy'), width: '100px', render: (r) => r.matchedBy ?? '' },
            { key: 'detail', label: t('common.detail'), width: '3fr', render: (r) => (lang === 'zh' ? r.detailZh : r.detail) },
          ]} />
          <ExportBar taskId={compare.id} formats={['csv', 'json', 'html', 'pdf']} testId="compare-export" />
        </div>
      )}
    </form>
  )
}
