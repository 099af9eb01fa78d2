import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_INVOKE, buildApi, type EventChannel } from '../src-shared/contract'

const api = buildApi({
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  subscribe: (channel: EventChannel, listener) => {
    const handler = (_event: IpcRendererEvent, eventChannel: unknown, payload: unknown) => {
      if (eventChannel === channel) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT, handler)
    return () => {
      ipcRenderer.off(IPC_EVENT, handler)
    }
  },
})

contextBridge.exposeInMainWorld('lcube', api)
