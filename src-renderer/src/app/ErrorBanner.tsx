import { useTranslation } from 'react-i18next'
import type { ErrorData } from '../../../src-shared/errors'
import { useApp } from '../stores/app'

export function ErrorBanner({ error, onDismiss }: { error: ErrorData | undefined; onDismiss: () => void }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  if (!error) return null
  return (
    <div className="banner error" role="alert" data-testid="error-banner" data-code={error.code}>
      <strong>{t('error.title')}</strong>
      <span>{error.message[lang]}</span>
      <button type="button" className="ghost" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  )
}
