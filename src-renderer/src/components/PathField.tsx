import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFolderPicker } from './FolderPicker'

/** One absolute folder path, typed or picked. */
export function PathField({ label, value, onChange, testId, placeholder }: { label: string; value: string; onChange(path: string): void; testId: string; placeholder?: string }) {
  const { t } = useTranslation()
  const picker = useFolderPicker(onChange)
  return (
    <label>
      {label}
      <span className="row">
        <input data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} spellCheck={false} />
        <button type="button" className="ghost" onClick={() => picker.open(value)} data-testid={`${testId}-browse`}>{t('common.browse')}</button>
      </span>
      {picker.dialog}
    </label>
  )
}

/** A list of source folders: add by typing or picking, remove one by one. */
export function SourcesField({ sources, onChange, testId }: { sources: ReadonlyArray<string>; onChange(sources: string[]): void; testId: string }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState('')
  const add = (path: string) => {
    const clean = path.trim()
    if (clean && !sources.includes(clean)) onChange([...sources, clean])
    setDraft('')
  }
  const picker = useFolderPicker(add)
  return (
    <fieldset className="sources" data-testid={testId}>
      <legend>{t('common.sources')}</legend>
      <p className="muted">{t('common.sourcesHint')}</p>
      <ul className="path-list">
        {sources.map((path) => (
          <li key={path}>
            <span className="mono">{path}</span>
            <button type="button" className="ghost small" onClick={() => onChange(sources.filter((p) => p !== path))} aria-label={`${t('common.remove')} ${path}`}>
              {t('common.remove')}
            </button>
          </li>
        ))}
      </ul>
      <span className="row">
        <input
          data-testid={`${testId}-input`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add(draft)
            }
          }}
          placeholder={t('common.sourcePlaceholder')}
          aria-label={t('common.sources')}
          spellCheck={false}
        />
        <button type="button" className="ghost" onClick={() => add(draft)} disabled={!draft.trim()} data-testid={`${testId}-add`}>{t('common.add')}</button>
        <button type="button" className="ghost" onClick={() => picker.open()}>{t('common.browse')}</button>
      </span>
      {picker.dialog}
    </fieldset>
  )
}
