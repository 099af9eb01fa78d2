import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  MAX_EXPANSION_CABINETS,
  isCubeModel,
  modelAllowsCabinets,
  type CubeModel,
} from '../../src-shared/device-types'
import type { LocalizedText } from '../../src-shared/localized'

/** The file at a cube's root that makes a directory a Lightning Cube. Spec: docs/FORMAT.md §1. */
export const IDENTITY_FILE = 'lightning-cube.json'
export const IDENTITY_FORMAT = 'lightning-cube-identity'
export const IDENTITY_VERSION = 1
const MAX_IDENTITY_BYTES = 64 * 1024
const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export type CubeIdentity = Readonly<{
  format: typeof IDENTITY_FORMAT
  formatVersion: number
  model: CubeModel
  serial: string
  capacityBytes: number
  expansionCabinets: number
  simulated: boolean
  createdAt?: string
}>

export type IdentityRead =
  | Readonly<{ kind: 'absent' }>
  | Readonly<{ kind: 'ok'; identity: CubeIdentity }>
  | Readonly<{ kind: 'bad'; reason: LocalizedText }>

const bad = (en: string, zh: string): IdentityRead => ({ kind: 'bad', reason: { en, zh } })

/** Reads and validates a cube's identity file. Never throws: anything wrong becomes a reason. */
export async function readIdentity(dir: string): Promise<IdentityRead> {
  const file = join(dir, IDENTITY_FILE)
  let text: string
  try {
    const info = await stat(file)
    if (!info.isFile()) return bad(`${IDENTITY_FILE} is not a regular file`, `${IDENTITY_FILE} 不是普通文件`)
    if (info.size > MAX_IDENTITY_BYTES) {
      return bad(`${IDENTITY_FILE} is too large (${info.size} bytes)`, `${IDENTITY_FILE} 过大（${info.size} 字节）`)
    }
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' }
    return bad(`cannot read ${IDENTITY_FILE}: ${code}`, `无法读取 ${IDENTITY_FILE}：${code}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return bad(`${IDENTITY_FILE} is not valid JSON`, `${IDENTITY_FILE} 不是有效的 JSON`)
  }
  return validateIdentity(parsed)
}

export function validateIdentity(value: unknown): IdentityRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('identity is not a JSON object', '身份文件不是 JSON 对象')
  }
  const v = value as Record<string, unknown>
  if (v.format !== IDENTITY_FORMAT) {
    return bad(`identity "format" must be "${IDENTITY_FORMAT}"`, `身份文件的 "format" 必须是 "${IDENTITY_FORMAT}"`)
  }
  if (!Number.isInteger(v.formatVersion) || (v.formatVersion as number) < 1) {
    return bad('identity "formatVersion" is missing or not a positive integer', '身份文件缺少 "formatVersion" 或不是正整数')
  }
  if ((v.formatVersion as number) > IDENTITY_VERSION) {
    return bad(
      `identity format version ${String(v.formatVersion)} is newer than this tool supports (${IDENTITY_VERSION}); update the assistant`,
      `身份文件格式版本 ${String(v.formatVersion)} 高于本工具支持的版本（${IDENTITY_VERSION}），请升级迁移助手`,
    )
  }
  if (!isCubeModel(v.model)) {
    return bad('identity "model" must be one of mini, ii, iii', '身份文件的 "model" 必须是 mini、ii、iii 之一')
  }
  if (typeof v.serial !== 'string' || !SERIAL_PATTERN.test(v.serial)) {
    return bad(
      'identity "serial" is missing or invalid (1–64 letters, digits, dot, dash, underscore)',
      '身份文件的 "serial" 缺失或无效（1–64 个字母、数字、点、短横线、下划线）',
    )
  }
  if (!Number.isSafeInteger(v.capacityBytes) || (v.capacityBytes as number) <= 0) {
    return bad('identity "capacityBytes" is missing or not a positive integer', '身份文件的 "capacityBytes" 缺失或不是正整数')
  }
  const cabinets = v.expansionCabinets ?? 0
  if (!Number.isInteger(cabinets) || (cabinets as number) < 0 || (cabinets as number) > MAX_EXPANSION_CABINETS) {
    return bad(
      `identity "expansionCabinets" must be an integer from 0 to ${MAX_EXPANSION_CABINETS}`,
      `身份文件的 "expansionCabinets" 必须是 0 到 ${MAX_EXPANSION_CABINETS} 的整数`,
    )
  }
  if ((cabinets as number) > 0 && !modelAllowsCabinets(v.model)) {
    return bad('only model iii takes expansion cabinets', '只有 III 型支持扩展柜')
  }
  if (v.simulated !== undefined && typeof v.simulated !== 'boolean') {
    return bad('identity "simulated" must be true or false', '身份文件的 "simulated" 必须是 true 或 false')
  }
  if (v.createdAt !== undefined && typeof v.createdAt !== 'string') {
    return bad('identity "createdAt" must be a string', '身份文件的 "createdAt" 必须是字符串')
  }
  return {
    kind: 'ok',
    identity: {
      format: IDENTITY_FORMAT,
      formatVersion: v.formatVersion as number,
      model: v.model,
      serial: v.serial,
      capacityBytes: v.capacityBytes as number,
      expansionCabinets: cabinets as number,
      simulated: v.simulated === true,
      ...(typeof v.createdAt === 'string' ? { createdAt: v.createdAt } : {}),
    },
  }
}
