import { create } from 'zustand'
import type { DeviceChange, DeviceInfo, SimulateDeviceRequest } from '../../../src-shared/device-types'
import type { ErrorData } from '../../../src-shared/errors'
import { api } from '../bridge'

const MAX_RECENT = 20

type DevicesState = {
  devices: ReadonlyArray<DeviceInfo>
  loaded: boolean
  recent: ReadonlyArray<DeviceChange>
  error: ErrorData | undefined
  lastCreated: DeviceInfo | undefined
  /** Loads the list and subscribes to plug/unplug events; safe to call more than once. */
  start(): Promise<void>
  refresh(): Promise<void>
  simulate(request: SimulateDeviceRequest): Promise<boolean>
  register(path: string): Promise<boolean>
  unregister(path: string): Promise<boolean>
  dismissError(): void
}

let subscribed = false

export const useDevices = create<DevicesState>((set, get) => ({
  devices: [],
  loaded: false,
  recent: [],
  error: undefined,
  lastCreated: undefined,
  async start() {
    if (!subscribed) {
      subscribed = true
      api.onDevicesChanged(({ devices, changes }) =>
        set((state) => ({ devices, recent: [...changes, ...state.recent].slice(0, MAX_RECENT) })),
      )
    }
    await get().refresh()
  },
  async refresh() {
    const result = await api.listDevices()
    if (result.ok) set({ devices: result.value, loaded: true })
    else set({ error: result.error, loaded: true })
  },
  async simulate(request) {
    const result = await api.simulateDevice(request)
    if (!result.ok) {
      set({ error: result.error })
      return false
    }
    set({ lastCreated: result.value, error: undefined })
    await get().refresh()
    return true
  },
  async register(path) {
    const result = await api.registerDevicePath({ path })
    if (!result.ok) {
      set({ error: result.error })
      return false
    }
    set({ devices: result.value, error: undefined })
    return true
  },
  async unregister(path) {
    const result = await api.unregisterDevicePath({ path })
    if (!result.ok) {
      set({ error: result.error })
      return false
    }
    set({ devices: result.value, error: undefined })
    return true
  },
  dismissError() {
    set({ error: undefined })
  },
}))
