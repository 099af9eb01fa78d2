import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorData } from '../../../src-shared/errors'
import type { ExportFormat } from '../../../src-shared/task-types'
import { api } from '../bridge'
import { useApp } from '../stores/app'

/** Writes a finished task's report into the app's reports folder; the paths are shown and kept in History. */
export function ExportBar({ taskId, formats, testId }: { taskId: string; formats: ReadonlyArray<ExportFormat>; testId: string }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const [busy, setBusy] = useState<ExportFormat | undefined>()
  const [files, setFiles] = useState<ReadonlyArray<string>>([])
  const [error, setError] = useState<ErrorData | undefined>()
  const run = async (format: ExportFormat) => {
    setBusy(format)
    const result = await api.exportTask({ id: taskId, format })
    setBusy(undefined)
    if (result.ok) {
      setFiles(result.value.files)
      setError(undefined)
    } else setError(result.error)
  }
  return (
    <div className="export" data-testid={testId}>
      <span className="muted">{t('common.export')}</span>
      {formats.map((format) => (
        <button key={format} type="button" className="ghost small" disabled={busy !== undefined} onClick={() => void run(format)} data-testid={`${testId}-${format}`}>
          {busy === format ? '…' : format.toUpperCase()}
        </button>
      ))}
      {error && <p className="field-error" role="alert">{error.message[lang]}</p>}
      {files.length > 0 && (
        <div className="exported" data-testid={`${testId}-files`}>
          <span className="muted">{t('common.exported')}</span>
          {files.map((f) => <code key={f} className="mono">{f}</code>)}
        </div>
      )}
    </div>
  )
}
