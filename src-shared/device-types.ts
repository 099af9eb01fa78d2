import type { LocalizedText } from './localized'

/** Lightning Cube models. Capacities are the provider's published figures (decimal terabytes). */
export const CUBE_MODELS = ['mini', 'ii', 'iii'] as const
export type CubeModel = (typeof CUBE_MODELS)[number]

export const MODEL_NAMES: Readonly<Record<CubeModel, string>> = { mini: 'Mini', ii: 'II', iii: 'III' }

export type DeviceStatus = 'ok' | 'unrecognised'

export type DeviceSource = 'mount' | 'env' | 'registered'

export type DeviceInfo = Readonly<{
  path: string
  status: DeviceStatus
  /** Why the device is unrecognised; absent when status is ok. */
  reason?: LocalizedText
  model?: CubeModel
  serial?: string
  capacityBytes?: number
  expansionCabinets?: number
  usedBytes?: number
  freeBytes?: number
  fsType: string
  simulated: boolean
  source: DeviceSource
}>

export type DeviceChange = Readonly<{
  kind: 'plugged' | 'unplugged' | 'changed'
  device: DeviceInfo
  at: string
}>

export type SimulateDeviceRequest = Readonly<{
  dir: string
  model: CubeModel
  capacityBytes?: number
  serial?: string
  cabinets?: number
  /** Also register the directory so detection finds it without LCUBE_DEVICE_PATHS. */
  register?: boolean
}>

/** Published capacities (decimal TB). Expansion-cabinet capacity is not published: pass --capacity. */
export const MODEL_DEFAULT_CAPACITY: Readonly<Record<CubeModel, number>> = {
  mini: 36e12,
  ii: 100e12,
  iii: 480e12,
}

/** Only the III takes expansion cabinets (JBODs cascaded over SAS). */
export const MAX_EXPANSION_CABINETS = 16

export function modelAllowsCabinets(model: CubeModel): boolean {
  return model === 'iii'
}

export function isCubeModel(value: unknown): value is CubeModel {
  return typeof value === 'string' && (CUBE_MODELS as ReadonlyArray<string>).includes(value)
}
