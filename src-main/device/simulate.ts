import { randomBytes } from 'node:crypto'
import { mkdir, readdir } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import {
  MAX_EXPANSION_CABINETS,
  MODEL_DEFAULT_CAPACITY,
  modelAllowsCabinets,
  type CubeModel,
} from '../../src-shared/device-types'
import { writeFileAtomic } from '../engine/atomic-write'
import { badInput } from '../engine/errors'
import { IDENTITY_FILE, IDENTITY_FORMAT, IDENTITY_VERSION, validateIdentity, type CubeIdentity } from './identity'

export type SimulateOptions = Readonly<{
  dir: string
  model: CubeModel
  capacityBytes?: number
  serial?: string
  cabinets?: number
  now?: Date
}>

const SERIAL_PREFIX: Readonly<Record<CubeModel, string>> = { mini: 'LCM', ii: 'LC2', iii: 'LC3' }

/**
 * Makes DIR a simulated Lightning Cube: an identity file marked simulated. Its capacity is a quota
 * that writers respect, so a small cube can rehearse "device full" on any disk.
 */
export async function createSimulatedCube(options: SimulateOptions): Promise<{ dir: string; identity: CubeIdentity }> {
  const dir = resolve(options.dir)
  const cabinets = options.cabinets ?? 0
  if (!Number.isInteger(cabinets) || cabinets < 0 || cabinets > MAX_EXPANSION_CABINETS) {
    throw badInput(
      `--cabinets must be an integer from 0 to ${MAX_EXPANSION_CABINETS}`,
      `--cabinets 必须是 0 到 ${MAX_EXPANSION_CABINETS} 的整数`,
    )
  }
  if (cabinets > 0 && !modelAllowsCabinets(options.model)) {
    throw badInput('Only model iii takes expansion cabinets', '只有 III 型支持扩展柜')
  }
  await ensureEmptyDirectory(dir)
  const identity = {
    format: IDENTITY_FORMAT,
    formatVersion: IDENTITY_VERSION,
    model: options.model,
    serial: options.serial ?? `SIM-${SERIAL_PREFIX[options.model]}-${randomBytes(4).toString('hex').toUpperCase()}`,
    capacityBytes: options.capacityBytes ?? MODEL_DEFAULT_CAPACITY[options.model],
    expansionCabinets: cabinets,
    simulated: true,
    createdAt: (options.now ?? new Date()).toISOString(),
  }
  const checked = validateIdentity(identity)
  if (checked.kind !== 'ok') {
    throw badInput(`Cannot simulate a cube: ${checked.kind === 'bad' ? checked.reason.en : ''}`, `无法创建模拟设备：${checked.kind === 'bad' ? checked.reason.zh : ''}`)
  }
  await writeFileAtomic(join(dir, IDENTITY_FILE), `${JSON.stringify(identity, null, 2)}\n`)
  return { dir, identity: checked.identity }
}

async function ensureEmptyDirectory(dir: string): Promise<void> {
  if (!isAbsolute(dir)) throw badInput(`Not an absolute path: ${dir}`, `不是绝对路径：${dir}`)
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      await mkdir(dir, { recursive: true })
      return
    }
    if (code === 'ENOTDIR') throw badInput(`${dir} exists and is not a directory`, `${dir} 已存在且不是目录`)
    throw badInput(`Cannot use ${dir}: ${code ?? String(error)}`, `无法使用 ${dir}：${code ?? String(error)}`)
  }
  if (entries.includes(IDENTITY_FILE)) {
    throw badInput(`${dir} is already a Lightning Cube`, `${dir} 已经是一台闪电立方`)
  }
  if (entries.length > 0) {
    throw badInput(
      `${dir} is not empty: a simulated cube needs an empty or new directory`,
      `${dir} 不是空目录：模拟设备需要空目录或新目录`,
    )
  }
}
