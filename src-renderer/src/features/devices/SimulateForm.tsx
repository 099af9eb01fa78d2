import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CUBE_MODELS, modelAllowsCabinets, type CubeModel } from '../../../../src-shared/device-types'
import { parseSizeText } from '../../../../src-shared/size'
import { useDevices } from '../../stores/devices'

export function SimulateForm() {
  const { t } = useTranslation()
  const simulate = useDevices((s) => s.simulate)
  const lastCreated = useDevices((s) => s.lastCreated)
  const [dir, setDir] = useState('')
  const [model, setModel] = useState<CubeModel>('mini')
  const [capacity, setCapacity] = useState('')
  const [cabinets, setCabinets] = useState(0)
  const [busy, setBusy] = useState(false)
  const capacityBytes = capacity.trim() ? parseSizeText(capacity) : undefined
  const capacityInvalid = capacity.trim() !== '' && capacityBytes === undefined

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (capacityInvalid || !dir.trim()) return
    setBusy(true)
    const done = await simulate({
      dir: dir.trim(),
      model,
      register: true,
      ...(capacityBytes ? { capacityBytes } : {}),
      ...(modelAllowsCabinets(model) && cabinets > 0 ? { cabinets } : {}),
    })
    setBusy(false)
    if (done) setDir('')
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="simulate-form">
      <h3>{t('simulate.title')}</h3>
      <p className="muted">{t('simulate.body')}</p>
      <label>
        {t('simulate.dir')}
        <input data-testid="simulate-dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/tmp/cube-demo" required spellCheck={false} />
      </label>
      <div className="row">
        <label>
          {t('simulate.model')}
          <select data-testid="simulate-model" value={model} onChange={(e) => setModel(e.target.value as CubeModel)}>
            {CUBE_MODELS.map((m) => (
              <option key={m} value={m}>{t(`devices.model.${m}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('simulate.capacity')}
          <input data-testid="simulate-capacity" value={capacity} onChange={(e) => setCapacity(e.target.value)} aria-invalid={capacityInvalid} />
        </label>
        {modelAllowsCabinets(model) && (
          <label>
            {t('simulate.cabinets')}
            <input type="number" min={0} max={16} value={cabinets} onChange={(e) => setCabinets(Number(e.target.value))} />
          </label>
        )}
      </div>
      {capacityInvalid && <p className="field-error">{t('simulate.capacityInvalid')}</p>}
      <button type="submit" data-testid="simulate-submit" disabled={busy || capacityInvalid || !dir.trim()}>
        {t('simulate.submit')}
      </button>
      {lastCreated && <p className="success" data-testid="simulate-created">{t('simulate.created', { serial: lastCreated.serial, path: lastCreated.path })}</p>}
    </form>
  )
}
