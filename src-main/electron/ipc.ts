import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { EVENT_CHANNELS, IPC_EVENT, IPC_INVOKE } from '../../src-shared/contract'
import { fail, ok } from '../../src-shared/errors'
import type { ServicePort } from '../service/service-port'
import { isAppUrl } from './window'

/** Only our own page may call the API; a frame from anywhere else gets an error, not the service. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && isAppUrl(frame.url)
}

/** The one operation the main process answers itself: a native dialog belongs to the window. */
async function pickFolder(window: BrowserWindow) {
  const picked = await dialog.showOpenDialog(window, { properties: ['openDirectory', 'createDirectory'] })
  return ok({ path: picked.canceled ? null : (picked.filePaths[0] ?? null) })
}

/** The only place raw IPC is used: one invoke channel carrying the typed contract, one event channel. */
export function wireIpc(service: ServicePort, window: BrowserWindow): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, request: unknown) => {
    if (!trustedSender(event)) {
      return fail({ code: 'BAD_INPUT', message: { en: 'untrusted sender', zh: '不受信任的调用方' } })
    }
    if (channel === 'app:pickFolder') return pickFolder(window)
    return service.invoke(channel, request)
  })
  const unsubscribes = EVENT_CHANNELS.map((channel) =>
    service.subscribe(channel, (payload) => {
      if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(IPC_EVENT, channel, payload)
    }),
  )
  return () => {
    ipcMain.removeHandler(IPC_INVOKE)
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}
