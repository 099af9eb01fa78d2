import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FolderListing } from '../../../src-shared/history-types'
import type { ErrorData } from '../../../src-shared/errors'
import { api } from '../bridge'
import { useApp } from '../stores/app'

/**
 * A folder chooser that works in both modes: the desktop app opens the native dialog; a browser cannot
 * see absolute paths, so it browses the service's file system through fs:listFolder.
 */
export function useFolderPicker(onPicked: (path: string) => void): { open(start?: string): void; dialog: React.ReactNode } {
  const mode = useApp((s) => s.info?.mode)
  const [start, setStart] = useState<string | undefined | null>(null)
  const open = (from?: string) => {
    if (mode === 'electron') {
      void api.pickFolder().then((result) => {
        if (result.ok && result.value.path) onPicked(result.value.path)
      })
      return
    }
    setStart(from && from.startsWith('/') ? from : undefined)
  }
  const dialog = start === null ? null : <FolderBrowser start={start} onClose={() => setStart(null)} onPick={(path) => { setStart(null); onPicked(path) }} />
  return { open, dialog }
}

function FolderBrowser({ start, onClose, onPick }: { start: string | undefined; onClose(): void; onPick(path: string): void }) {
  const { t } = useTranslation()
  const lang = useApp((s) => s.lang)
  const [listing, setListing] = useState<FolderListing | undefined>()
  const [error, setError] = useState<ErrorData | undefined>()
  const go = (path: string | undefined) => {
    void api.listFolder(path ? { path } : {}).then((result) => {
      if (result.ok) {
        setListing(result.value)
        setError(undefined)
      } else if (path !== undefined && !listing) go(undefined)
      else setError(result.error)
    })
  }
  // the first listing only; later ones follow clicks
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => go(start), [])
  const join = (dir: string, name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`)
  return (
    <div className="modal-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="picker-title" data-testid="folder-picker">
        <h3 id="picker-title">{t('picker.title')}</h3>
        <p className="mono" data-testid="picker-path">{listing?.path ?? '…'}</p>
        {error && <p className="field-error">{error.message[lang]}</p>}
        <div className="picker-list" role="listbox" aria-label={t('picker.title')}>
          {listing?.parent && (
            <button type="button" className="ghost row-button" onClick={() => go(listing.parent!)}>
              ⬑ {t('common.up')}
            </button>
          )}
          {listing?.dirs.map((name) => (
            <button key={name} type="button" className="ghost row-button" data-testid="picker-dir" onClick={() => go(join(listing.path, name))}>
              <span aria-hidden="true">📁</span> <span>{name}</span>
            </button>
          ))}
          {listing && listing.dirs.length === 0 && <p className="muted">{t('picker.empty')}</p>}
          {listing?.truncated && <p className="muted">{t('picker.truncated', { count: listing.dirs.length })}</p>}
        </div>
        <div className="row end">
          <button type="button" className="ghost" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" data-testid="picker-choose" disabled={!listing} onClick={() => listing && onPick(listing.path)} autoFocus>
            {t('common.choose')}
          </button>
        </div>
      </div>
    </div>
  )
}
