import * as v from 'valibot'
import {
  isEventChannel,
  isInvokeChannel,
  type AppInfo,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type ResponseOf,
  type Unsubscribe,
} from '../../src-shared/contract'
import { fail, ok, type Result } from '../../src-shared/errors'
import type { Lang } from '../../src-shared/localized'
import { listDevices, createDeviceMonitor, type DeviceEnvironment } from '../device/device-service'
import type { DeviceMonitor } from '../device/monitor'
import { createSimulatedCube } from '../device/simulate'
import { LcubeError, toErrorData } from '../engine/errors'
import { PRODUCT_NAME, PRODUCT_VERSION } from '../engine/product'
import { chromiumPrinter, type PdfPrinter } from '../engine/report/report-file'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CopyManager } from './copy-manager'
import { HistoryStore } from './history-store'
import { changeJobPassword, handoverSheet, listFolder, listJobs } from './job-ops'
import { REQUEST_SCHEMAS, describeIssues, type ParsedRequest } from './schemas'
import { TaskManager } from './task-manager'
import { scryptParamsForNewSlot } from '../engine/format/kdf'
import { compareWork, scanWork, verifyWork } from './task-works'

type Handlers = { [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<ResponseOf<C>> }

export type AppServiceOptions = Readonly<{
  devices: DeviceEnvironment
  mode: AppInfo['mode']
  defaultLang: Lang
  /** Where history entries and exported reports live (the user's config folder in the app). */
  dataDir: string
  /** Credentials for S3 comparisons and LCUBE_CHROMIUM for PDF reports are read from here. */
  env: NodeJS.ProcessEnv
  /** How PDF reports are printed; default: headless Chromium found on this machine (LCUBE_CHROMIUM). */
  printPdf?: PdfPrinter
}>

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '')
}

/**
 * The application API behind every UI: Electron IPC and the web bridge both call invoke() with
 * unknown payloads and relay subscribe() events. Transport-agnostic and free of Electron.
 */
export class AppService {
  private readonly options: AppServiceOptions
  private readonly monitor: DeviceMonitor
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  private started: Promise<unknown> | undefined
  private readonly copies: CopyManager
  private readonly tasks: TaskManager
  private readonly history: HistoryStore
  private readonly printPdf: PdfPrinter

  constructor(options: AppServiceOptions) {
    this.options = options
    this.printPdf = options.printPdf ?? chromiumPrinter(options.env)
    this.monitor = createDeviceMonitor(options.devices)
    this.monitor.onChange((devices, changes) => this.emit('devices:changed', { devices, changes }))
    this.history = new HistoryStore(join(options.dataDir, 'history'), (entry) => this.emit('history:changed', entry))
    this.copies = new CopyManager((event) => this.emit('copy:event', event), this.history, options.env)
    const reports = join(options.dataDir, 'reports')
    this.tasks = new TaskManager(this.history, (event) => this.emit('tasks:event', event), async (kind, id) => {
      await mkdir(reports, { recursive: true, mode: 0o700 })
      return join(reports, `${kind}-${stamp()}-${id.slice(0, 8)}`)
    })
  }

  /** Starts device watching; idempotent. */
  start(): Promise<unknown> {
    this.started ??= this.monitor.start()
    return this.started
  }

  /** Stops running copies at a clean checkpoint, then device watching. */
  async stop(): Promise<void> {
    await Promise.all([this.copies.stopAll(), this.tasks.stopAll()])
    await this.monitor.stop()
    this.listeners.clear()
  }

  async invoke(channel: unknown, request: unknown): Promise<Result<unknown>> {
    if (!isInvokeChannel(channel)) {
      return fail({ code: 'BAD_INPUT', message: { en: `Unknown operation: ${String(channel)}`, zh: `未知操作：${String(channel)}` } })
    }
    const parsed = v.safeParse(REQUEST_SCHEMAS[channel], request)
    if (!parsed.success) {
      const detail = describeIssues(parsed.issues)
      return fail({ code: 'BAD_INPUT', message: { en: `Invalid request for ${channel}: ${detail}`, zh: `${channel} 的请求无效：${detail}` } })
    }
    try {
      const handler = this.handlers[channel] as (req: unknown) => Promise<unknown>
      return ok(await handler(parsed.output))
    } catch (error) {
      return fail(toErrorData(error))
    }
  }

  subscribe<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void): Unsubscribe {
    if (!isEventChannel(channel)) throw new LcubeError('BAD_INPUT', { en: `Unknown event: ${String(channel)}`, zh: `未知事件：${String(channel)}` })
    const set = this.listeners.get(channel) ?? new Set()
    set.add(listener as (payload: unknown) => void)
    this.listeners.set(channel, set)
    return () => set.delete(listener as (payload: unknown) => void)
  }

  private emit<C extends EventChannel>(channel: C, payload: EventContract[C]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload)
  }

  private readonly handlers: Handlers = {
    'app:info': async () => ({
      name: PRODUCT_NAME,
      version: PRODUCT_VERSION,
      platform: process.platform,
      mode: this.options.mode,
      defaultLang: this.options.defaultLang,
    }),
    'devices:list': () => listDevices(this.options.devices),
    'devices:simulate': async (request) => {
      const { dir } = await createSimulatedCube({
        dir: request.dir,
        model: request.model,
        capacityBytes: request.capacityBytes,
        serial: request.serial,
        cabinets: request.cabinets,
      })
      if (request.register) await this.options.devices.registry.add(dir)
      await this.monitor.refresh()
      const devices = await listDevices(this.options.devices)
      const device = devices.find((d) => d.path === dir)
      if (device) return device
      throw new LcubeError('NOT_FOUND', {
        en: `The simulated cube was created in ${dir} but is not detected: register it or add it to LCUBE_DEVICE_PATHS`,
        zh: `模拟设备已创建于 ${dir}，但未被检测到：请登记该路径或将其加入 LCUBE_DEVICE_PATHS`,
      })
    },
    'devices:register': async (request) => {
      await this.options.devices.registry.add(request.path)
      await this.monitor.refresh()
      return listDevices(this.options.devices)
    },
    'copy:start': async (request) => this.copies.start(request),
    'copy:pause': async (request) => this.copies.pause(request.cube, request.job),
    'copy:resume': async (request) => this.copies.resume(request.cube, request.job),
    'copy:cancel': async (request) => this.copies.cancel(request.cube, request.job),
    'copy:list': async () => this.copies.list(),
    'copy:throttle': async (request) => this.copies.throttle(request.cube, request.job, request.bytesPerSecond),
    'app:pickFolder': async () => {
      throw new LcubeError('BAD_INPUT', { en: 'The native folder dialog exists only in the desktop app', zh: '系统文件夹对话框仅在桌面应用中可用' })
    },
    'fs:listFolder': async (request) => listFolder(request.path),
    'scan:start': async (request) => this.tasks.start('scan', { sources: request.sources }, scanWork(request, this.printPdf)),
    'verify:start': async (request) =>
      this.tasks.start('verify', { sources: request.sources ?? [], cube: request.cube, job: request.job }, verifyWork(request)),
    'compare:start': async (request) => this.tasks.start('compare', { sources: request.sources, target: request.against }, compareWork(request, this.options.env, this.printPdf)),
    'tasks:cancel': async (request) => this.tasks.cancel(request.id),
    'tasks:rows': async (request) => this.tasks.rows(request.id, request.list, request.offset, request.limit),
    'tasks:export': async (request) => this.tasks.exportReport(request.id, request.format),
    'jobs:list': async (request) => listJobs(request.path),
    'jobs:handover': async (request) => handoverSheet(request.cube, request.job),
    'jobs:changePassword': async (request) => changeJobPassword(request, scryptParamsForNewSlot(this.options.env)),
    'history:list': async () => this.history.list(),
    'devices:unregister': async (request) => {
      await this.options.devices.registry.remove(request.path)
      await this.monitor.refresh()
      return listDevices(this.options.devices)
    },
  }
}
