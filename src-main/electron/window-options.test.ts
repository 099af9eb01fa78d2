import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { secureWindowOptions } from './window-options'

describe('secure window factory', () => {
  it('isolates, sandboxes and denies Node to the page', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('the page carries a strict Content-Security-Policy', async () => {
    const html = await readFile(new URL('../../src-renderer/index.html', import.meta.url), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-eval')
  })

  it('navigation, redirects, new windows and webviews are denied', async () => {
    const source = await readFile(new URL('./window.ts', import.meta.url), 'utf8')
    for (const hook of ["'will-navigate'", "'will-redirect'", "'will-attach-webview'"]) expect(source).toContain(hook)
    expect(source).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))")
  })
})
