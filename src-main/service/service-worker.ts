// The application service in its own worker thread: the Electron main thread and the web bridge's event
// loop only relay messages, so scans, copies and comparisons never hold up windows or HTTP.
import { parentPort, workerData } from 'node:worker_threads'
import { EVENT_CHANNELS } from '../../src-shared/contract'
import { systemDeviceEnvironment } from '../device/device-service'
import { userConfigDir } from '../engine/config-dir'
import { LcubeError } from '../engine/errors'
import { AppService } from './app-service'
import type { FromServiceWorker, ServiceWorkerData, ToServiceWorker } from './service-protocol'

const port = parentPort!
const data = (workerData as { service: ServiceWorkerData }).service
const post = (message: FromServiceWorker) => port.postMessage(message)

const printing = new Map<number, (error?: string) => void>()
let printSeq = 0
const printInParent = (htmlPath: string, pdfPath: string) =>
  new Promise<void>((resolve, reject) => {
    const seq = ++printSeq
    printing.set(seq, (error) => (error ? reject(new LcubeError('INTERNAL', { en: `PDF printing failed: ${error}`, zh: `PDF 打印失败：${error}` })) : resolve()))
    post({ type: 'print', seq, htmlPath, pdfPath })
  })

const service = new AppService({
  devices: systemDeviceEnvironment(process.env),
  mode: data.mode,
  defaultLang: data.defaultLang,
  dataDir: data.dataDir ?? userConfigDir(process.env),
  env: process.env,
  ...(data.printPdfInParent ? { printPdf: printInParent } : {}),
})
for (const channel of EVENT_CHANNELS) service.subscribe(channel, (payload) => post({ type: 'event', channel, payload }))

port.on('message', (message: ToServiceWorker) => {
  if (message.type === 'invoke') {
    void service.invoke(message.channel, message.request).then((result) => post({ type: 'result', seq: message.seq, result }))
  } else if (message.type === 'printed') {
    printing.get(message.seq)?.(message.error)
    printing.delete(message.seq)
  } else if (message.type === 'stop') {
    void service.stop().finally(() => {
      post({ type: 'stopped' })
      // a watcher or timer left behind must not keep the thread alive
      process.exit(0)
    })
  }
})

service.start().then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) }),
)
