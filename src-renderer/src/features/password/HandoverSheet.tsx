import { useTranslation } from 'react-i18next'
import type { HandoverSheet as Sheet } from '../../../../src-shared/job-types'
import { formatBytes } from '../../../../src-shared/size'

/** The page stapled to the migration ticket. It names the job and the key by fingerprint, never the password. */
export function HandoverSheet({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation()
  return (
    <article className="card sheet printable" data-testid="handover-sheet">
      <header>
        <h3>{t('handover.heading')}</h3>
        <p className="muted">{t('app.title')}</p>
      </header>
      <dl className="facts">
        <dt>{t('handover.job')}</dt><dd data-testid="sheet-job">{sheet.jobName}</dd>
        <dt>{t('handover.jobId')}</dt><dd className="mono">{sheet.jobId}</dd>
        <dt>{t('handover.serial')}</dt><dd data-testid="sheet-serial">{sheet.device.serial ?? '—'}{sheet.device.simulated ? ` (${t('devices.simulated')})` : ''}</dd>
        <dt>{t('handover.model')}</dt><dd>{sheet.device.model ? t(`devices.model.${sheet.device.model}`) : '—'}</dd>
        <dt>{t('handover.fingerprint')}</dt><dd className="mono fingerprint" data-testid="sheet-fingerprint">{sheet.keyFingerprint}</dd>
        <dt>{t('handover.slots')}</dt><dd>{sheet.keySlots}</dd>
        <dt>{t('handover.created')}</dt><dd>{sheet.createdAt}</dd>
        <dt>{t('handover.state')}</dt><dd>{t(`history.jobState.${sheet.state}`)} · {sheet.filesDone.toLocaleString()} {t('common.files')} · {formatBytes(sheet.bytesDone)}</dd>
        <dt>{t('handover.date')}</dt><dd data-testid="sheet-date">{sheet.generatedAt.slice(0, 10)}</dd>
      </dl>
      <p className="notice">{t('handover.noPassword')}</p>
      <div className="signatures">
        <span>{t('handover.handedBy')} ____________________</span>
        <span>{t('handover.receivedBy')} ____________________</span>
      </div>
    </article>
  )
}
