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
import { CopyManager } from './copy-manager'
import { REQUEST_SCHEMAS, describeIssues, type ParsedRequest } from './schemas'

type Handlers = { [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<ResponseOf<C>> }

export type AppServiceOptions = Readonly<{
  devices: DeviceEnvironment
  mode: AppInfo['mode']
  defaultLang: Lang
}>

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

  constructor(options: AppServiceOptions) {
    this.options = options
    this.monitor = createDeviceMonitor(options.devices)
    this.monitor.onChange((devices, changes) => this.emit('devices:changed', { devices, changes }))
    this.copies = new CopyManager((event) => this.emit('copy:event', event))
  }

  /** Starts device watching; idempotent. */
  start(): Promise<unknown> {
    this.started ??= this.monitor.start()
    return this.started
  }

  /** Stops running copies at a clean checkpoint, then device watching. */
  async stop(): Promise<void> {
    await this.copies.stopAll()
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
    'devices:unregister': async (request) => {
      await this.options.devices.registry.remove(request.path)
      await this.monitor.refresh()
      return listDevices(this.options.devices)
    },
  }
}
