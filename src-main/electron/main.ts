import { app } from 'electron'
import { systemDeviceEnvironment } from '../device/device-service'
import { AppService } from '../service/app-service'
import { wireIpc } from './ipc'
import { createMainWindow, lockDownWebContents } from './window'

/** Composition only: the service does the work, the window shows it. */
async function main(): Promise<void> {
  lockDownWebContents()
  await app.whenReady()
  const service = new AppService({
    devices: systemDeviceEnvironment(),
    mode: 'electron',
    defaultLang: app.getLocale().toLowerCase().startsWith('zh') ? 'zh' : 'en',
  })
  await service.start()
  const window = createMainWindow()
  const unwire = wireIpc(service, window)
  app.on('window-all-closed', () => {
    unwire()
    void service.stop().finally(() => app.quit())
  })
}

void main()
