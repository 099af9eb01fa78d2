/**
 * The one typed API between the Node side and any UI. The service implements InvokeContract,
 * the preload and the web bridge carry it, the renderer calls it through LcubeApi. Channel names
 * are `domain:verb`; every payload is validated as unknown on the Node side (src-main/service/schemas.ts).
 */
import type { ActiveCopy, CopyEvent, CopyRequest } from './copy-types'
import type { DeviceChange, DeviceInfo, SimulateDeviceRequest } from './device-types'
import type { Result } from './errors'
import type { FolderListing, HistoryEntry } from './history-types'
import type { HandoverSheet, JobStatus } from './job-types'
import type { Lang } from './localized'
import type { CompareRequest, ExportRequest, ExportResult, ScanRequest, TaskEvent, TaskRef, TaskRows, TaskRowsRequest, TaskStarted, VerifyRequest } from './task-types'

export type AppInfo = Readonly<{
  name: string
  version: string
  platform: string
  mode: 'electron' | 'web'
  defaultLang: Lang
}>

export type PathRequest = Readonly<{ path: string }>

export type CopyRef = Readonly<{ cube: string; job: string }>

/** null lifts the cap. */
export type ThrottleRequest = Readonly<{ cube: string; job: string; bytesPerSecond: number | null }>

export type JobRef = Readonly<{ cube: string; job: string }>

export type ChangePasswordRequest = Readonly<{
  cube: string
  job: string
  /** Both travel once to the service and straight into the KDF; never stored, logged or returned. */
  password: string
  newPassword: string
  weakPasswordOk?: boolean
}>

export type DeviceList = ReadonlyArray<DeviceInfo>

export interface InvokeContract {
  'app:info': { request: void; response: AppInfo }
  'devices:list': { request: void; response: DeviceList }
  'devices:simulate': { request: SimulateDeviceRequest; response: DeviceInfo }
  'devices:register': { request: PathRequest; response: DeviceList }
  'devices:unregister': { request: PathRequest; response: DeviceList }
  'copy:start': { request: CopyRequest; response: Readonly<{ job: string }> }
  'copy:pause': { request: CopyRef; response: ActiveCopy }
  'copy:resume': { request: CopyRef; response: ActiveCopy }
  'copy:cancel': { request: CopyRef; response: ActiveCopy }
  'copy:list': { request: void; response: ReadonlyArray<ActiveCopy> }
  'copy:throttle': { request: ThrottleRequest; response: ActiveCopy }
  /** The desktop app's native folder dialog; the browser UI uses fs:listFolder instead. */
  'app:pickFolder': { request: void; response: Readonly<{ path: string | null }> }
  'fs:listFolder': { request: Readonly<{ path?: string }>; response: FolderListing }
  'scan:start': { request: ScanRequest; response: TaskStarted }
  'verify:start': { request: VerifyRequest; response: TaskStarted }
  'compare:start': { request: CompareRequest; response: TaskStarted }
  'tasks:cancel': { request: TaskRef; response: Readonly<{ cancelled: boolean }> }
  'tasks:rows': { request: TaskRowsRequest; response: TaskRows }
  'tasks:export': { request: ExportRequest; response: ExportResult }
  'jobs:list': { request: PathRequest; response: ReadonlyArray<JobStatus> }
  'jobs:handover': { request: JobRef; response: HandoverSheet }
  'jobs:changePassword': { request: ChangePasswordRequest; response: Readonly<{ keySlots: number }> }
  'history:list': { request: void; response: ReadonlyArray<HistoryEntry> }
}

export interface EventContract {
  'devices:changed': Readonly<{ devices: DeviceList; changes: ReadonlyArray<DeviceChange> }>
  'copy:event': CopyEvent
  'tasks:event': TaskEvent
  'history:changed': HistoryEntry
}

export type InvokeChannel = keyof InvokeContract
export type EventChannel = keyof EventContract
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request']
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response']

/** Method name on window.lcube → channel. One named function per operation. */
export const INVOKE_METHODS = {
  getAppInfo: 'app:info',
  listDevices: 'devices:list',
  simulateDevice: 'devices:simulate',
  registerDevicePath: 'devices:register',
  unregisterDevicePath: 'devices:unregister',
  startCopy: 'copy:start',
  pauseCopy: 'copy:pause',
  resumeCopy: 'copy:resume',
  cancelCopy: 'copy:cancel',
  listCopies: 'copy:list',
  throttleCopy: 'copy:throttle',
  pickFolder: 'app:pickFolder',
  listFolder: 'fs:listFolder',
  startScan: 'scan:start',
  startVerify: 'verify:start',
  startCompare: 'compare:start',
  cancelTask: 'tasks:cancel',
  taskRows: 'tasks:rows',
  exportTask: 'tasks:export',
  listJobs: 'jobs:list',
  handoverSheet: 'jobs:handover',
  changePassword: 'jobs:changePassword',
  listHistory: 'history:list',
} as const satisfies Record<string, InvokeChannel>

export const EVENT_METHODS = {
  onDevicesChanged: 'devices:changed',
  onCopyEvent: 'copy:event',
  onTaskEvent: 'tasks:event',
  onHistoryChanged: 'history:changed',
} as const satisfies Record<string, EventChannel>

export const INVOKE_CHANNELS = Object.values(INVOKE_METHODS) as ReadonlyArray<InvokeChannel>
export const EVENT_CHANNELS = Object.values(EVENT_METHODS) as ReadonlyArray<EventChannel>

export type Unsubscribe = () => void

type InvokeFn<C extends InvokeChannel> = RequestOf<C> extends void
  ? () => Promise<Result<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>

export type LcubeApi = {
  readonly [M in keyof typeof INVOKE_METHODS]: InvokeFn<(typeof INVOKE_METHODS)[M]>
} & {
  readonly [M in keyof typeof EVENT_METHODS]: (
    listener: (payload: EventContract[(typeof EVENT_METHODS)[M]]) => void,
  ) => Unsubscribe
}

/** What carries the contract: Electron IPC in the preload, HTTP + SSE in the browser. */
export interface ApiTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<Result<unknown>>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe
}

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as ReadonlyArray<string>).includes(value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as ReadonlyArray<string>).includes(value)
}

/** Builds the plain object of named functions both the preload and the browser client expose. */
export function buildApi(transport: ApiTransport): LcubeApi {
  const api: Record<string, unknown> = {}
  for (const [method, channel] of Object.entries(INVOKE_METHODS)) {
    api[method] = (request?: unknown) => transport.invoke(channel, request)
  }
  for (const [method, channel] of Object.entries(EVENT_METHODS)) {
    api[method] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener)
  }
  return api as LcubeApi
}

/** Electron carries the whole contract over these two raw channels (src-main/electron/ipc.ts, src-preload). */
export const IPC_INVOKE = 'lcube:invoke'
export const IPC_EVENT = 'lcube:event'
