import { app, BrowserWindow, type WebContents } from 'electron'
import { join } from 'node:path'
import { secureWindowOptions } from './window-options'

const RENDERER_ENTRY = join(import.meta.dirname, '../renderer/index.html')

/** Navigation and new windows are denied for every web contents the app ever creates. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).href.split(/[?#]/)[0] === new URL(`file://${RENDERER_ENTRY}`).href
  } catch {
    return false
  }
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs')))
  window.once('ready-to-show', () => window.show())
  void window.loadFile(RENDERER_ENTRY)
  return window
}
