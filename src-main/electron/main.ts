import { app } from 'electron'
import { ServiceClient } from '../service/service-client'
import { wireIpc } from './ipc'
import { printPdfWithElectron } from './print-pdf'
import { createMainWindow, lockDownWebContents } from './window'

/** Composition only: the service works in its own thread, the window shows it, main relays. */
async function main(): Promise<void> {
  lockDownWebContents()
  await app.whenReady()
  const service = await ServiceClient.start(
    { mode: 'electron', defaultLang: app.getLocale().toLowerCase().startsWith('zh') ? 'zh' : 'en', printPdfInParent: true },
    printPdfWithElectron,
  )
  const window = createMainWindow()
  const unwire = wireIpc(service, window)
  app.on('window-all-closed', () => {
    unwire()
    void service.stop().finally(() => app.quit())
  })
}

void main()
