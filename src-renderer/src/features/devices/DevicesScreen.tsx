import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../app/ErrorBanner'
import { useApp } from '../../stores/app'
import { useDevices } from '../../stores/devices'
import { DeviceCard } from './DeviceCard'
import { RegisterForm } from './RegisterForm'
import { SimulateForm } from './SimulateForm'
import { ScreenSection } from '../../components/ScreenSection'

export function DevicesScreen() {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const { devices, loaded, recent, error, start, refresh, unregister, dismissError } = useDevices()
  useEffect(() => {
    void start()
  }, [start])

  return (
    <ScreenSection name="devices" title={t('devices.title')} subtitle={t('devices.subtitle')} actions={<button type="button" className="ghost" onClick={() => void refresh()} data-testid="devices-refresh">{t('devices.refresh')}</button>}>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {!loaded ? (
        <p className="muted">{t('devices.loading')}</p>
      ) : devices.length === 0 ? (
        <div className="empty" data-testid="devices-empty">
          <h3>{t('devices.empty.title')}</h3>
          <p className="muted">{t('devices.empty.body')}</p>
        </div>
      ) : (
        <div className="grid" data-testid="device-list">
          {devices.map((device) => (
            <DeviceCard key={device.path} device={device} onForget={() => void unregister(device.path)} />
          ))}
        </div>
      )}
      <div className="grid two">
        <SimulateForm />
        <RegisterForm />
      </div>
      <div className="card" data-testid="device-events">
        <h3>{t('devices.events.title')}</h3>
        {recent.length === 0 ? (
          <p className="muted">{t('devices.events.none')}</p>
        ) : (
          <ul className="events">
            {recent.map((change) => (
              <li key={`${change.at}-${change.kind}-${change.device.path}`} data-testid="device-event" data-kind={change.kind}>
                <span className={`pill ${change.kind === 'unplugged' ? 'bad' : 'good'}`}>{t(`devices.events.${change.kind}`)}</span>
                <span className="mono">{change.device.path}</span>
                <time className="muted" dateTime={change.at}>{new Date(change.at).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-US')}</time>
              </li>
            ))}
          </ul>
        )}
      </div>
    </ScreenSection>
  )
}
