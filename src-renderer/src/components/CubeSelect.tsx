import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../src-shared/size'
import { useDevices } from '../stores/devices'

/** The ready cubes the device monitor sees, kept live by the devices store. */
export function CubeSelect({ value, onChange, testId }: { value: string; onChange(path: string): void; testId: string }) {
  const { t } = useTranslation()
  const { devices, start } = useDevices()
  useEffect(() => {
    void start()
  }, [start])
  const ready = devices.filter((d) => d.status === 'ok')
  useEffect(() => {
    if (!value && ready.length > 0) onChange(ready[0]!.path)
  }, [value, ready, onChange])
  if (ready.length === 0) return <p className="muted" data-testid={`${testId}-none`}>{t('common.noCube')}</p>
  return (
    <label>
      {t('common.cube')}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {ready.map((d) => (
          <option key={d.path} value={d.path} title={d.path}>
            {d.serial} · {d.model ? t(`devices.model.${d.model}`) : ''} · {formatBytes(d.freeBytes ?? 0)} {t('devices.free')}
          </option>
        ))}
      </select>
    </label>
  )
}
