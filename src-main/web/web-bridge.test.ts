import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { serviceWithBridge } from '../../test/helpers/service'
import { tempDir, waitFor } from '../../test/helpers/temp'
import { createSimulatedCube } from '../device/simulate'
import { INVOKE_CHANNELS } from '../../src-shared/contract'
import { startWebBridge } from './web-bridge'

type Reply = { status: number; body: string; headers: Record<string, string | string[] | undefined> }

/** A raw HTTP request, so Host and Origin can be set freely (fetch forbids both). */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setup() {
  const ctx = await serviceWithBridge()
  closers.push(ctx.close)
  const json = { 'content-type': 'application/json' }
  const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(ctx.bridge.port, `/api/invoke/${channel}`, { method: 'POST', headers: { ...json, 'x-lcube-token': ctx.bridge.token, ...headers }, body: JSON.stringify(body) })
  return { ...ctx, invoke }
}

describe('web bridge', () => {
  it('routes every operation of the contract (a bad payload reaches the service, which answers as data)', async () => {
    const { invoke } = await setup()
    for (const channel of INVOKE_CHANNELS) {
      const reply = await invoke(channel, { unexpected: true })
      expect(reply.status, channel).toBe(200)
      expect(JSON.parse(reply.body), channel).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
      expect(reply.body, channel).not.toContain('no such API route')
    }
  })

  it('binds loopback with a random token in the URL', async () => {
    const { bridge } = await setup()
    expect(bridge.host).toBe('127.0.0.1')
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`)
    expect(bridge.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the API with the right token', async () => {
    const { invoke } = await setup()
    const reply = await invoke('app:info', null)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { mode: 'web', version: '0.1.0' } })
  })

  it('refuses a missing token, a wrong token, and a token of another length', async () => {
    const { bridge, invoke } = await setup()
    const none = await raw(bridge.port, '/api/invoke/app:info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' })
    expect(none.status).toBe(401)
    expect((await invoke('app:info', null, { 'x-lcube-token': 'x'.repeat(bridge.token.length) })).status).toBe(401)
    expect((await invoke('app:info', null, { 'x-lcube-token': 'short' })).status).toBe(401)
    expect((await raw(bridge.port, '/api/events')).status).toBe(401)
    expect((await raw(bridge.port, '/api/events?token=wrong')).status).toBe(401)
  })

  it('refuses a foreign Origin and a foreign Host (DNS rebinding), even with the token', async () => {
    const { invoke, bridge } = await setup()
    const foreign = await invoke('app:info', null, { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    expect(JSON.parse(foreign.body).error.message.en).toBe('requests from another origin are refused')
    expect((await invoke('app:info', null, { origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200)
    expect((await invoke('app:info', null, { host: `evil.example:${bridge.port}` })).status).toBe(421)
    expect((await invoke('app:info', null, { host: `localhost:${bridge.port}` })).status).toBe(200)
  })

  it('refuses to bind a non-loopback address unless explicitly allowed', async () => {
    const ctx = await setup()
    await expect(startWebBridge({ service: ctx.service, staticDir: ctx.staticDir, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'USAGE' })
    await expect(startWebBridge({ service: ctx.service, staticDir: ctx.staticDir, host: '192.168.1.10' })).rejects.toThrow(/not a loopback address/)
  })

  it('validates payloads as unknown and returns errors as data', async () => {
    const { invoke } = await setup()
    const bad = JSON.parse((await invoke('devices:simulate', { dir: 'relative/path', model: 'ii' })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(bad.error.message.en).toMatch(/path must be absolute/)
    const extra = JSON.parse((await invoke('devices:simulate', { dir: '/tmp/x', model: 'ii', evil: true })).body)
    expect(extra.ok).toBe(false)
    expect((await invoke('devices:nope', null)).status).toBe(200)
    expect(JSON.parse((await invoke('devices:nope', null)).body).error.code).toBe('BAD_INPUT')
  })

  it('serves static files and nothing outside its folder', async () => {
    const { bridge } = await setup()
    const index = await raw(bridge.port, '/')
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toContain("default-src 'self'")
    expect((await raw(bridge.port, '/assets/app.js')).body).toBe('console.log(1)')
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/%00']) {
      expect((await raw(bridge.port, path)).status).toBe(404)
    }
  })

  it('pushes device events to subscribers over server-sent events', async () => {
    const { bridge, mountRoot } = await setup()
    const events: string[] = []
    const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}` }, (res) => {
      res.on('data', (chunk: Buffer) => events.push(chunk.toString()))
    })
    req.end()
    closers.push(async () => void req.destroy())
    await waitFor(() => (events.join('').includes('connected') ? true : undefined), 10_000, 'SSE connection')
    const dir = join(mountRoot, 'cube')
    await createSimulatedCube({ dir, model: 'mini', serial: 'LCM-SSE' })
    const text = await waitFor(() => (events.join('').includes('LCM-SSE') ? events.join('') : undefined), 10_000, 'device event')
    const frame = /event: devices:changed\ndata: (.*)\n\n/.exec(text)
    expect(JSON.parse(frame![1]!)).toMatchObject({ changes: [{ kind: 'plugged', device: { path: dir, serial: 'LCM-SSE' } }] })
  })

  it('simulate through the API creates, registers and lists the cube', async () => {
    const { invoke } = await setup()
    const dir = join(await tempDir(), 'api-cube')
    const reply = JSON.parse((await invoke('devices:simulate', { dir, model: 'iii', cabinets: 1, capacityBytes: 960e12, register: true })).body)
    expect(reply).toMatchObject({ ok: true, value: { path: dir, model: 'iii', expansionCabinets: 1, capacityBytes: 960e12, source: 'registered', status: 'ok' } })
    const listed = JSON.parse((await invoke('devices:list', null)).body)
    expect(listed.value.map((d: { path: string }) => d.path)).toEqual([dir])
    const forgotten = JSON.parse((await invoke('devices:unregister', { path: dir })).body)
    expect(forgotten).toEqual({ ok: true, value: [] })
  })
})
