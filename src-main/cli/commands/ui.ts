import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { rendererBuildDir } from '../../app-paths'
import { LcubeError } from '../../engine/errors'
import { ServiceClient } from '../../service/service-client'
import { startWebBridge } from '../../web/web-bridge'
import type { Command } from '../command'
import { EXIT } from '../exit-codes'

function parsePort(value: unknown): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LcubeError('USAGE', { en: `--port must be 0–65535, got "${String(value)}"`, zh: `--port 必须是 0–65535，收到“${String(value)}”` })
  }
  return port
}

export const uiCommand: Command = {
  path: ['ui'],
  summary: { en: 'Serve the app to a browser on this machine (loopback, token in the URL)', zh: '在本机以浏览器方式提供图形界面（仅回环地址，URL 中含令牌）' },
  usage: '[--port N] [--host H] [--allow-remote]',
  positionals: { min: 0, max: 0, names: '' },
  options: {
    port: { type: 'string', value: 'N', help: { en: 'port (default: a free one)', zh: '端口（默认随机空闲端口）' } },
    host: { type: 'string', value: 'H', help: { en: 'address to bind (default 127.0.0.1)', zh: '监听地址（默认 127.0.0.1）' } },
    'allow-remote': { type: 'boolean', help: { en: 'allow a non-loopback address (prefer an SSH tunnel)', zh: '允许非回环地址（建议改用 SSH 隧道）' } },
    static: { type: 'string', value: 'DIR', help: { en: 'built renderer folder (default out/renderer)', zh: '已构建的界面目录（默认 out/renderer）' } },
  },
  details: {
    en: 'On a headless server: run `lcube ui --port 8765`, then `ssh -L 8765:127.0.0.1:8765 server` and open the printed URL locally.',
    zh: '无显示器的服务器：运行 `lcube ui --port 8765`，再执行 `ssh -L 8765:127.0.0.1:8765 服务器`，在本地打开输出的 URL。',
  },
  async run({ args, json, lang, out, signal }) {
    const port = parsePort(args.values.port)
    const staticDir = typeof args.values.static === 'string' ? resolve(args.values.static) : rendererBuildDir()
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new LcubeError('NOT_BUILT', {
        en: `The UI is not built (${staticDir} has no index.html): run npm run build:renderer, or npm run web which builds it`,
        zh: `界面尚未构建（${staticDir} 中没有 index.html）：请运行 npm run build:renderer，或运行会自动构建的 npm run web`,
      })
    }
    const service = await ServiceClient.start({ mode: 'web', defaultLang: lang })
    const bridge = await startWebBridge({
      service,
      staticDir,
      host: typeof args.values.host === 'string' ? args.values.host : undefined,
      port,
      allowRemote: args.values['allow-remote'] === true,
    })
    if (json) out.json({ event: 'listening', url: bridge.url, port: bridge.port, host: bridge.host })
    else out.line(lang === 'zh' ? `界面已就绪，请在浏览器中打开：\n  ${bridge.url}\n按 Ctrl+C 停止。` : `The UI is ready; open this in a browser:\n  ${bridge.url}\nPress Ctrl+C to stop.`)
    await new Promise<void>((resolveWait) => signal.addEventListener('abort', () => resolveWait(), { once: true }))
    await bridge.close()
    await service.stop()
    return EXIT.INTERRUPTED
  },
}
