import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EVENT_CHANNELS } from '../../src-shared/contract'
import { LcubeError } from '../engine/errors'
import type { ServicePort } from '../service/service-port'
import { checkOrigin, isLoopbackHost, requestToken, tokensEqual } from './bridge-auth'
import { loadStatic } from './static-files'

export type WebBridgeOptions = Readonly<{
  service: ServicePort
  staticDir: string
  host?: string
  port?: number
  token?: string
  /** Binding anything but loopback needs this explicit consent (the token still applies). */
  allowRemote?: boolean
}>

export type WebBridge = Readonly<{ url: string; token: string; port: number; host: string; close(): Promise<void> }>

const MAX_BODY = 1024 * 1024
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' })
  res.end(body)
}

function refuse(res: ServerResponse, status: number, en: string, zh: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: { en, zh } } }))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Serves the renderer and the same API as the preload to a browser: POST /api/invoke/<channel>
 * and server-sent events on /api/events. Loopback only unless allowRemote; every API call needs
 * the token, the right Host and (when sent) the right Origin.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new LcubeError('USAGE', {
      en: `Refusing to listen on ${host}: it is not a loopback address. Use an SSH tunnel, or pass --allow-remote if you really mean it`,
      zh: `拒绝监听 ${host}：这不是回环地址。请使用 SSH 隧道；如确有需要，请加 --allow-remote`,
    })
  }
  const token = options.token ?? randomBytes(24).toString('base64url')
  const allowedHosts = new Set<string>()
  const sockets = new Set<import('node:net').Socket>()

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error', '内部错误')
      else res.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid')
    const verdict = options.allowRemote && !isLoopbackHost(host) ? 'ok' : checkOrigin(req, allowedHosts)
    if (verdict === 'bad-host') return refuse(res, 421, 'wrong Host header', 'Host 请求头不正确')
    if (verdict === 'bad-origin') return refuse(res, 403, 'requests from another origin are refused', '拒绝来自其他来源的请求')
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed', '不允许的方法')
      const file = await loadStatic(options.staticDir, url.pathname)
      if (!file) return refuse(res, 404, 'not found', '未找到')
      res.writeHead(200, { 'content-type': file.type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' })
      res.end(req.method === 'HEAD' ? undefined : file.body)
      return
    }
    if (!tokensEqual(token, requestToken(req, url))) return refuse(res, 401, 'missing or wrong token', '令牌缺失或错误')
    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res)
    const match = /^\/api\/invoke\/([a-z]+:[A-Za-z-]+)$/.exec(url.pathname)
    if (!match || req.method !== 'POST') return refuse(res, 404, 'no such API route', '没有此接口')
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'content-type must be application/json', 'content-type 必须是 application/json')
    }
    let payload: unknown
    try {
      const body = await readBody(req)
      payload = body.length === 0 ? undefined : JSON.parse(body)
    } catch {
      return refuse(res, 400, 'body is not valid JSON (or over 1 MiB)', '请求体不是有效 JSON（或超过 1 MiB）')
    }
    const result = await options.service.invoke(match[1], payload)
    send(res, 200, JSON.stringify(result))
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write(': connected\n\n')
    const unsubscribes = EVENT_CHANNELS.map((channel) =>
      options.service.subscribe(channel, (payload) => res.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`)),
    )
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15000)
    req.on('close', () => {
      clearInterval(heartbeat)
      for (const unsubscribe of unsubscribes) unsubscribe()
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LcubeError('USAGE', { en: `Port ${options.port} is in use: pick another with --port`, zh: `端口 ${options.port} 已被占用：请用 --port 换一个` })
          : error,
      ),
    )
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  for (const name of [host, 'localhost', '127.0.0.1', '[::1]']) allowedHosts.add(`${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase())
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
