import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The only BrowserWindow options the app uses. Kept a pure function so a test can assert the
 * security settings without an Electron binary.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: '闪电立方迁移助手 · Lightning Cube Migration Assistant',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  }
}
