import { CUBE_MODELS, isCubeModel, type DeviceInfo } from '../../../src-shared/device-types'
import { listDevices, systemDeviceEnvironment } from '../../device/device-service'
import { readIdentity } from '../../device/identity'
import { createSimulatedCube } from '../../device/simulate'
import { LcubeError } from '../../engine/errors'
import { formatBytes, parseSize } from '../../engine/size'
import type { Command } from '../command'
import { deviceJson } from '../device-output'
import { EXIT } from '../exit-codes'
import { resolve } from 'node:path'

function parseCabinets(value: unknown): number | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  if (!/^\d+$/.test(text)) {
    throw new LcubeError('USAGE', { en: `--cabinets must be a whole number, got "${text}"`, zh: `--cabinets 必须是整数，收到“${text}”` })
  }
  return Number(text)
}

export const deviceSimulateCommand: Command = {
  path: ['device', 'simulate'],
  summary: { en: 'Make a simulated Lightning Cube in a directory (for trying the tool and for tests)', zh: '在目录中创建模拟闪电立方（用于试用和测试）' },
  usage: 'DIR --model mini|ii|iii [--capacity SIZE] [--serial S] [--cabinets N] [--register]',
  positionals: { min: 1, max: 1, names: 'DIR' },
  options: {
    model: { type: 'string', value: 'mini|ii|iii', help: { en: 'device model (required)', zh: '设备型号（必填）' } },
    capacity: { type: 'string', value: 'SIZE', help: { en: 'capacity quota, e.g. 36T, 500G, 10M or bytes (default: the model\'s 36/100/480 TB)', zh: '容量配额，如 36T、500G、10M 或字节数（默认按型号 36/100/480 TB）' } },
    serial: { type: 'string', value: 'S', help: { en: 'serial number (default: generated)', zh: '序列号（默认自动生成）' } },
    cabinets: { type: 'string', value: 'N', help: { en: 'expansion cabinets (model iii only)', zh: '扩展柜数量（仅 III 型）' } },
    register: { type: 'boolean', help: { en: 'also register DIR so `lcube devices` finds it', zh: '同时登记 DIR，使 `lcube devices` 能找到它' } },
  },
  async run({ args, json, lang, out, env }) {
    const model = args.values.model
    if (!isCubeModel(model)) {
      throw new LcubeError('USAGE', {
        en: `--model is required and must be one of ${CUBE_MODELS.join(', ')}`,
        zh: `必须指定 --model，取值为 ${CUBE_MODELS.join('、')} 之一`,
      })
    }
    const capacityBytes = typeof args.values.capacity === 'string' ? parseSize(args.values.capacity) : undefined
    const { dir, identity } = await createSimulatedCube({
      dir: resolve(args.positionals[0]!),
      model,
      capacityBytes,
      serial: typeof args.values.serial === 'string' ? args.values.serial : undefined,
      cabinets: parseCabinets(args.values.cabinets),
    })
    if (args.values.register) await systemDeviceEnvironment(env).registry.add(dir)
    if (json) out.json({ path: dir, ...identity })
    else if (lang === 'zh') out.line(`已在 ${dir} 创建模拟闪电立方：型号 ${identity.model}，序列号 ${identity.serial}，容量 ${formatBytes(identity.capacityBytes)}`)
    else out.line(`Simulated Lightning Cube created in ${dir}: model ${identity.model}, serial ${identity.serial}, capacity ${formatBytes(identity.capacityBytes)}`)
    return EXIT.OK
  },
}

export const deviceAddCommand: Command = {
  path: ['device', 'add'],
  summary: { en: 'Register a path (mount point or share) to look for a cube at', zh: '登记一个路径（挂载点或共享目录），在此查找闪电立方' },
  usage: 'PATH',
  positionals: { min: 1, max: 1, names: 'PATH' },
  options: {},
  async run({ args, json, lang, out, env }) {
    const path = resolve(args.positionals[0]!)
    const environment = systemDeviceEnvironment(env)
    await environment.registry.add(path)
    const present = (await readIdentity(path)).kind !== 'absent'
    const device: DeviceInfo | undefined = (await listDevices(environment)).find((d) => d.path === path)
    if (json) out.json({ registered: path, device: device ? deviceJson(device, lang) : null })
    else {
      out.line(lang === 'zh' ? `已登记 ${path}` : `Registered ${path}`)
      if (!present) out.warn(lang === 'zh' ? `提示：${path} 目前没有闪电立方；设备接入后会自动出现。` : `Note: no Lightning Cube at ${path} right now; it will be listed when one appears there.`)
    }
    return EXIT.OK
  },
}

export const deviceRemoveCommand: Command = {
  path: ['device', 'remove'],
  summary: { en: 'Forget a registered path', zh: '取消登记的路径' },
  usage: 'PATH',
  positionals: { min: 1, max: 1, names: 'PATH' },
  options: {},
  async run({ args, json, lang, out, env }) {
    const path = resolve(args.positionals[0]!)
    const removed = await systemDeviceEnvironment(env).registry.remove(path)
    if (!removed) {
      throw new LcubeError('NOT_FOUND', { en: `${path} is not registered; see lcube devices`, zh: `${path} 未登记；请查看 lcube devices` })
    }
    if (json) out.json({ removed: path })
    else out.line(lang === 'zh' ? `已取消登记 ${path}` : `Removed ${path}`)
    return EXIT.OK
  },
}
