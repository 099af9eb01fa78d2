import { app, BrowserWindow, dialog, type WebContents } from 'electron'
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
  // the page asks before unloading while a copy runs (beforeunload); Electron needs the question asked here
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['继续拷贝 Keep copying', '停止并关闭 Stop and close'],
      defaultId: 0,
      cancelId: 0,
      title: '闪电立方迁移助手',
      message: '正在拷贝。关闭窗口会在下一个检查点停止拷贝，之后可续传。\nA copy is running. Closing stops it at the next checkpoint; it can be resumed later.',
    })
    if (choice === 1) event.preventDefault()
  })
  void window.loadFile(RENDERER_ENTRY)
  return window
}
