import { useTranslation } from 'react-i18next'
import type { DeviceInfo } from '../../../../src-shared/device-types'
import { formatBytes } from '../../../../src-shared/size'
import { useApp } from '../../stores/app'

export function DeviceCard({ device, onForget }: { device: DeviceInfo; onForget?: () => void }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const ok = device.status === 'ok'
  const used = device.usedBytes ?? 0
  const capacity = device.capacityBytes ?? 0
  const percent = capacity > 0 ? Math.min(100, (used / capacity) * 100) : 0
  return (
    <article className={`card device ${ok ? '' : 'warn'}`} data-testid="device-card" data-path={device.path} data-serial={device.serial ?? ''}>
      <header className="device-head">
        <div>
          <h3>{device.model ? t(`devices.model.${device.model}`) : t('devices.status.unrecognised')}</h3>
          {device.expansionCabinets ? <span className="muted">{t('devices.cabinets', { count: device.expansionCabinets })}</span> : null}
        </div>
        <div className="badges">
          {device.simulated && <span className="pill">{t('devices.simulated')}</span>}
          <span className={`pill ${ok ? 'good' : 'bad'}`} data-testid="device-status">{t(`devices.status.${device.status}`)}</span>
        </div>
      </header>
      {!ok && device.reason && <p className="reason" data-testid="device-reason">{device.reason[lang]}</p>}
      {ok && device.usedBytes !== undefined && device.freeBytes !== undefined && (
        <div className="capacity">
          <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={t('devices.capacity')}>
            <div className="bar-fill" style={{ width: `${percent}%` }} />
          </div>
          <span className="muted">{t('devices.usage', { used: formatBytes(used), capacity: formatBytes(capacity), free: formatBytes(device.freeBytes) })}</span>
        </div>
      )}
      <dl className="facts">
        {device.serial && (<><dt>{t('devices.serial')}</dt><dd data-testid="device-serial">{device.serial}</dd></>)}
        {device.capacityBytes !== undefined && (<><dt>{t('devices.capacity')}</dt><dd>{formatBytes(device.capacityBytes)}</dd></>)}
        <dt>{t('devices.path')}</dt>
        <dd className="mono">{device.path}</dd>
        <dt>{t('devices.fs')}</dt>
        <dd>{device.fsType} · {t(`devices.source.${device.source}`)}</dd>
      </dl>
      {device.source === 'registered' && onForget && (
        <button type="button" className="ghost small" onClick={onForget}>
          {t('devices.unregister')}
        </button>
      )}
    </article>
  )
}
