import { MODEL_NAMES, type DeviceChange, type DeviceInfo } from '../../src-shared/device-types'
import type { Lang } from '../../src-shared/localized'
import { formatBytes } from '../engine/size'

/** The --json shape of a device: the reason becomes one string in the chosen language. */
export function deviceJson(device: DeviceInfo, lang: Lang): Record<string, unknown> {
  const { reason, ...rest } = device
  return reason ? { ...rest, reason: reason[lang] } : rest
}

const HEADERS: Readonly<Record<Lang, ReadonlyArray<string>>> = {
  en: ['PATH', 'MODEL', 'SERIAL', 'CAPACITY', 'USED', 'FREE', 'FS', 'STATUS'],
  zh: ['路径', '型号', '序列号', '容量', '已用', '可用', '文件系统', '状态'],
}


function cells(device: DeviceInfo, lang: Lang): string[] {
  const dash = '-'
  const status =
    device.status === 'ok'
      ? lang === 'zh' ? (device.simulated ? '正常（模拟）' : '正常') : device.simulated ? 'ok (simulated)' : 'ok'
      : `${lang === 'zh' ? '无法识别' : 'unrecognised'}: ${device.reason?.[lang] ?? ''}`
  const model = device.model
    ? `${MODEL_NAMES[device.model]}${device.expansionCabinets ? ` +${device.expansionCabinets}` : ''}`
    : dash
  return [
    device.path,
    model,
    device.serial ?? dash,
    device.capacityBytes !== undefined ? formatBytes(device.capacityBytes) : dash,
    device.usedBytes !== undefined ? formatBytes(device.usedBytes) : dash,
    device.freeBytes !== undefined ? formatBytes(device.freeBytes) : dash,
    device.fsType,
    status,
  ]
}

/** Width in terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return width
}

export function deviceTable(devices: ReadonlyArray<DeviceInfo>, lang: Lang): string {
  if (devices.length === 0) {
    return lang === 'zh'
      ? '未检测到闪电立方。可用 lcube device add PATH 登记路径，或设置 LCUBE_DEVICE_PATHS。'
      : 'No Lightning Cube detected. Register a path with lcube device add PATH, or set LCUBE_DEVICE_PATHS.'
  }
  const rows = [HEADERS[lang], ...devices.map((d) => cells(d, lang))]
  const widths = HEADERS[lang].map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col]!))))
  return rows
    .map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat(widths[col]! - displayWidth(cell)))).join('  '))
    .join('\n')
}

const KIND_TEXT: Readonly<Record<DeviceChange['kind'], Readonly<Record<Lang, string>>>> = {
  plugged: { en: 'plugged', zh: '已接入' },
  unplugged: { en: 'unplugged', zh: '已拔出' },
  changed: { en: 'changed', zh: '已变化' },
}

export function changeLine(change: DeviceChange, lang: Lang): string {
  const d = change.device
  const what = d.status === 'ok' ? `${d.model ? MODEL_NAMES[d.model] : ''} ${d.serial ?? ''}`.trim() : `${lang === 'zh' ? '无法识别' : 'unrecognised'}: ${d.reason?.[lang] ?? ''}`
  return `${change.at}  ${KIND_TEXT[change.kind][lang]}  ${d.path}  ${what}`
}
