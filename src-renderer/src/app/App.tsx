import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyScreen } from '../features/copy/CopyScreen'
import { DevicesScreen } from '../features/devices/DevicesScreen'
import { HistoryScreen } from '../features/history/HistoryScreen'
import { PasswordScreen } from '../features/password/PasswordScreen'
import { ScanScreen } from '../features/scan/ScanScreen'
import { VerifyScreen } from '../features/verify/VerifyScreen'
import { SCREENS, useApp, type Screen } from '../stores/app'

const VIEWS: Record<Screen, () => ReactNode> = {
  devices: () => <DevicesScreen />,
  requirements: () => <ScanScreen />,
  password: () => <PasswordScreen />,
  copy: () => <CopyScreen />,
  verify: () => <VerifyScreen />,
  history: () => <HistoryScreen />,
}

export function App() {
  const { t } = useTranslation()
  const { info, lang, load, switchLang, screen, go } = useApp()
  useEffect(() => {
    void load()
  }, [load])
  return (
    <div className="shell" data-testid="app" data-lang={lang}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">⚡</span>
          <div>
            <h1>{t('app.title')}</h1>
            <p className="muted">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="topbar-actions">
          {info && <span className="pill" data-testid="app-mode">{t(info.mode === 'web' ? 'app.mode.web' : 'app.mode.electron')} · v{info.version}</span>}
          <button type="button" className="ghost" data-testid="lang-switch" aria-label={t('lang.switchLabel')} onClick={() => switchLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label={t('nav.label')}>
          {SCREENS.map((name, i) => (
            <a
              key={name}
              className={`nav-item ${screen === name ? 'active' : ''}`}
              href={`#${name}`}
              aria-current={screen === name ? 'page' : undefined}
              data-testid={`nav-${name}`}
              onClick={(e) => {
                e.preventDefault()
                go(name)
              }}
            >
              <span className="step" aria-hidden="true">{i + 1}</span> {t(`nav.${name}`)}
            </a>
          ))}
        </nav>
        <main className="content">{VIEWS[screen]()}</main>
      </div>
    </div>
  )
}
