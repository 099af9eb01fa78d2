import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useDevices } from '../../stores/devices'

export function RegisterForm() {
  const { t } = useTranslation()
  const register = useDevices((s) => s.register)
  const [path, setPath] = useState('')

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (path.trim() && (await register(path.trim()))) setPath('')
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="register-form">
      <h3>{t('register.title')}</h3>
      <p className="muted">{t('register.body')}</p>
      <label>
        {t('register.path')}
        <input data-testid="register-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/mnt/cube" required spellCheck={false} />
      </label>
      <button type="submit" data-testid="register-submit" disabled={!path.trim()}>{t('register.submit')}</button>
    </form>
  )
}
