import type { EventChannel } from '../../src-shared/contract'
import type { Result } from '../../src-shared/errors'
import type { Lang } from '../../src-shared/localized'

/** What the service worker is started with; the environment is the worker's own copy of process.env. */
export type ServiceWorkerData = Readonly<{
  mode: 'electron' | 'web'
  defaultLang: Lang
  dataDir?: string
  /** PDF reports are printed by the thread that started the service (Electron's own Chromium), not headless Chromium. */
  printPdfInParent?: boolean
}>

export type ToServiceWorker =
  | Readonly<{ type: 'invoke'; seq: number; channel: string; request: unknown }>
  | Readonly<{ type: 'stop' }>
  | Readonly<{ type: 'printed'; seq: number; error?: string }>

export type FromServiceWorker =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'start-failed'; message: string }>
  | Readonly<{ type: 'result'; seq: number; result: Result<unknown> }>
  | Readonly<{ type: 'event'; channel: EventChannel; payload: unknown }>
  | Readonly<{ type: 'stopped' }>
  | Readonly<{ type: 'print'; seq: number; htmlPath: string; pdfPath: string }>
