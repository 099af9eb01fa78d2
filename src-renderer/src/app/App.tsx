import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { DevicesScreen } from '../features/devices/DevicesScreen'
import { useApp } from '../stores/app'

export function App() {
  const { t } = useTranslation()
  const { info, lang, load, switchLang } = useApp()
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
          <a className="nav-item active" href="#devices" aria-current="page" data-testid="nav-devices">
            {t('nav.devices')}
          </a>
        </nav>
        <main className="content">
          <DevicesScreen />
        </main>
      </div>
    </div>
  )
}
