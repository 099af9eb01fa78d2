import { createDeviceMonitor, listDevices, systemDeviceEnvironment } from '../../device/device-service'
import type { Command } from '../command'
import { changeLine, deviceJson, deviceTable } from '../device-output'
import { EXIT } from '../exit-codes'

export const devicesCommand: Command = {
  path: ['devices'],
  summary: { en: 'List detected Lightning Cubes (mounted volumes, shares, registered paths)', zh: '列出检测到的闪电立方（已挂载卷、共享目录、已登记路径）' },
  usage: '[--watch] [--json]',
  positionals: { min: 0, max: 0, names: '' },
  options: {
    watch: { type: 'boolean', help: { en: 'keep running and print a line per plug/unplug event', zh: '持续运行，每次接入/拔出打印一行' } },
  },
  details: {
    en: 'Looks at the OS mount roots (/proc/mounts, /media, /run/media, /mnt; /Volumes on macOS; drive letters on Windows), LCUBE_DEVICE_PATHS and paths registered with `lcube device add`.',
    zh: '查找操作系统挂载点（/proc/mounts、/media、/run/media、/mnt；macOS 的 /Volumes；Windows 的盘符）、LCUBE_DEVICE_PATHS 以及用 `lcube device add` 登记的路径。',
  },
  async run({ args, json, lang, out, env, signal }) {
    const environment = systemDeviceEnvironment(env)
    if (!args.values.watch) {
      const devices = await listDevices(environment)
      if (json) out.json(devices.map((d) => deviceJson(d, lang)))
      else out.line(deviceTable(devices, lang))
      return EXIT.OK
    }
    const monitor = createDeviceMonitor(environment)
    const initial = await monitor.start()
    if (json) out.json({ event: 'list', devices: initial.map((d) => deviceJson(d, lang)) })
    else out.line(deviceTable(initial, lang))
    monitor.onChange((_devices, changes) => {
      for (const change of changes) {
        if (json) out.json({ event: change.kind, at: change.at, device: deviceJson(change.device, lang) })
        else out.line(changeLine(change, lang))
      }
    })
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
    await monitor.stop()
    return EXIT.INTERRUPTED
  },
}
