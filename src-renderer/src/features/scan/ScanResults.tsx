import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { MODEL_NAMES } from '../../../../src-shared/device-types'
import { formatDuration } from '../../../../src-shared/duration'
import { CATEGORY_LABELS, RULE_LABELS } from '../../../../src-shared/scan-labels'
import { SCAN_RULES, type ScanReportCore, type ScanSkip, type ScanViolation } from '../../../../src-shared/scan-types'
import { formatBytes } from '../../../../src-shared/size'
import { BarChart } from '../../components/BarChart'
import { ExportBar } from '../../components/ExportBar'
import { PagedTable } from '../../components/PagedTable'
import { Stat } from '../../components/Stat'
import { useRows } from '../../components/use-rows'
import { useApp } from '../../stores/app'

export function ScanResults({ report, taskId }: { report: ScanReportCore; taskId: string }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const { totals, plan } = report
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US') : '—')
  const fetchViolations = useRows<ScanViolation>(taskId, 'violations')
  const fetchSkipped = useRows<ScanSkip>(taskId, 'skipped')
  const ruleRows = SCAN_RULES.filter((r) => (report.violationCounts[r] ?? 0) > 0)
  const rec = plan.recommended
  const ruleLabel = useCallback((rule: ScanViolation['rule']) => RULE_LABELS[rule][lang], [lang])
  return (
    <div data-testid="scan-results">
      <div className="card">
        <div className="section-head">
          <h3>{t('scan.summary')}</h3>
          <ExportBar taskId={taskId} formats={['csv', 'json', 'html', 'pdf']} testId="scan-export" />
        </div>
        <div className="stats">
          <Stat label={t('common.files')} value={totals.files.toLocaleString()} testId="scan-files" />
          <Stat label={t('common.bytes')} value={formatBytes(totals.bytes)} testId="scan-bytes" />
          <Stat label={t('common.dirs')} value={totals.dirs.toLocaleString()} />
          <Stat label={t('scan.average')} value={formatBytes(totals.averageFileBytes)} />
          <Stat label={t('scan.median')} value={`${totals.medianExact ? '' : '≈ '}${formatBytes(totals.medianFileBytes)}`} />
          <Stat label={t('scan.emptyDirs')} value={totals.emptyDirs.toLocaleString()} />
          <Stat label={t('scan.symlinkCount')} value={totals.symlinks.toLocaleString()} />
          <Stat label={t('scan.special')} value={totals.specialFiles.toLocaleString()} />
          <Stat label={t('scan.hardLinks')} value={`${totals.hardLinkedFiles} (${formatBytes(totals.hardLinkExtraBytes)})`} />
          <Stat label={t('scan.oldest')} value={date(totals.oldestMtime)} />
          <Stat label={t('scan.newest')} value={date(totals.newestMtime)} />
        </div>
      </div>
      <div className="grid two">
        <div className="card">
          <h3>{t('scan.histogram')}</h3>
          <BarChart testId="scan-histogram" label={t('scan.histogram')} items={report.sizeHistogram.filter((b) => b.files > 0).map((b) => ({ label: b.label, value: b.files, note: formatBytes(b.bytes) }))} format={(v) => v.toLocaleString()} />
        </div>
        <div className="card">
          <h3>{t('scan.categories')}</h3>
          <BarChart testId="scan-categories" label={t('scan.categories')} items={report.categories.filter((c) => c.files > 0).map((c) => ({ label: CATEGORY_LABELS[c.name][lang], value: c.bytes, note: `${c.files.toLocaleString()} ${t('common.files')}` }))} format={formatBytes} />
        </div>
      </div>
      <div className="card" data-testid="scan-estimate">
        <h3>{t('scan.estimate')}</h3>
        <p className="verdict neutral" data-testid="scan-recommended">
          {t('scan.recommended', { devices: rec.devices, model: t(`devices.model.${rec.model}`) })}
          {rec.expansionCabinets > 0 ? ` ${t('scan.cabinetsNote', { count: rec.expansionCabinets })}` : ''}
        </p>
        <div className="stats">
          <Stat label={t('scan.toMigrate')} value={`${plan.migrate.files.toLocaleString()} · ${formatBytes(plan.migrate.bytes)}`} />
          <Stat label={t('scan.notMigrated')} value={`${plan.notMigrated.files.toLocaleString()} · ${formatBytes(plan.notMigrated.bytes)}`} />
          <Stat label={t('scan.compression')} value={plan.compression.sampledFiles > 0 ? `${(plan.compression.ratio * 100).toFixed(0)} %` : t('scan.notMeasured')} />
          <Stat label={t('scan.onCube')} value={formatBytes(plan.estimatedCubeBytes)} />
          <Stat label={t('scan.readSpeed')} value={plan.readProbe.bytesPerSecond ? `${formatBytes(plan.readProbe.bytesPerSecond)}/s` : t('scan.notMeasured')} />
          <Stat label={t('scan.copyTime')} value={formatDuration(plan.estimatedCopySeconds * 1000)} testId="scan-copy-time" />
        </div>
        <table className="simple">
          <thead><tr><th>{t('scan.model')}</th><th>{t('scan.usable')}</th><th>{t('scan.devices')}</th></tr></thead>
          <tbody>
            {plan.cubes.map((c) => (
              <tr key={c.model}><td>{MODEL_NAMES[c.model]}</td><td>{formatBytes(c.usableBytes)}</td><td>{c.devices}{c.expansionCabinets ? ` (+${c.expansionCabinets})` : ''}</td></tr>
            ))}
          </tbody>
        </table>
        <h4>{t('scan.mapping')}</h4>
        <ul className="plain">
          {plan.mapping.map((m) => <li key={m.source}><span className="mono">{m.source}</span> → <span className="mono">{plan.bucket ? `oss://${plan.bucket}/` : ''}{m.keyPrefix}</span> · {m.files.toLocaleString()} · {formatBytes(m.bytes)}</li>)}
        </ul>
        <details>
          <summary>{t('scan.assumptions')}</summary>
          <ul>{plan.assumptions.map((a) => <li key={a.en}>{a[lang]}</li>)}</ul>
        </details>
      </div>
      <div className="card" data-testid="scan-rules">
        <h3>{t('scan.rules')}</h3>
        {ruleRows.length === 0 ? <p className="success">{t('scan.rulesClean')}</p> : (
          <BarChart testId="scan-rule-counts" label={t('scan.rules')} items={ruleRows.map((r) => ({ label: RULE_LABELS[r][lang], value: report.violationCounts[r] ?? 0 }))} format={(v) => v.toLocaleString()} />
        )}
        <h4>{t('scan.violations', { count: report.violationsTotal })}</h4>
        <PagedTable<ScanViolation> testId="scan-violations" total={report.violationsTotal} fetchPage={fetchViolations} rowKey={(r, i) => `${i}:${r.path}`} columns={[
          { key: 'path', label: t('common.path'), width: '2fr', render: (r) => r.path },
          { key: 'rule', label: t('scan.rule'), width: '2fr', render: (r) => ruleLabel(r.rule) },
          { key: 'migrated', label: t('scan.migrated'), width: '90px', render: (r) => t(r.migrated ? 'common.yes' : 'common.no') },
          { key: 'detail', label: t('common.detail'), width: '2fr', render: (r) => (lang === 'zh' ? r.detailZh : r.detail) },
        ]} />
        <h4>{t('scan.skipped', { count: report.skippedTotal })}</h4>
        <PagedTable<ScanSkip> testId="scan-skipped" total={report.skippedTotal} fetchPage={fetchSkipped} rowKey={(r, i) => `${i}:${r.path}`} columns={[
          { key: 'path', label: t('common.path'), width: '2fr', render: (r) => r.path },
          { key: 'reason', label: t('common.reason'), width: '2fr', render: (r) => (lang === 'zh' ? r.reasonZh : r.reason) },
        ]} />
      </div>
    </div>
  )
}
