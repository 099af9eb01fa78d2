import type { EventChannel } from '../../src-shared/contract'
import type { Result } from '../../src-shared/errors'
import type { Lang } from '../../src-shared/localized'

/** What the service worker is started with; the environment is the worker's own copy of process.env. */
export type ServiceWorkerData = Readonly<{ mode: 'electron' | 'web'; defaultLang: Lang; dataDir?: string }>

export type ToServiceWorker =
  | Readonly<{ type: 'invoke'; seq: number; channel: string; request: unknown }>
  | Readonly<{ type: 'stop' }>

export type FromServiceWorker =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'start-failed'; message: string }>
  | Readonly<{ type: 'result'; seq: number; result: Result<unknown> }>
  | Readonly<{ type: 'event'; channel: EventChannel; payload: unknown }>
  | Readonly<{ type: 'stopped' }>
