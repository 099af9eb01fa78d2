import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CopyEvent } from '../src-shared/copy-types'
import { makeCube, PASSWORD, testEnv } from './helpers/cube'
import { mixedDataset } from './helpers/dataset'
import { serviceWithBridge } from './helpers/service'
import { tempDir, waitFor } from './helpers/temp'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setup() {
  Object.assign(process.env, await testEnv())
  const ctx = await serviceWithBridge()
  closers.push(ctx.close)
  const events: CopyEvent[] = []
  ctx.service.subscribe('copy:event', (event) => events.push(event))
  const source = await tempDir('lcube-src-')
  await mixedDataset(source, { smallFiles: 1500, largeFiles: 3, largeBytes: 2 * 1024 * 1024 })
  const cube = await makeCube()
  return { ...ctx, events, source, cube }
}

describe('copy through the service API', () => {
  it('start, pause (no reads while paused), resume, finish; the password never appears in any event', async () => {
    const { service, events, source, cube } = await setup()
    const started = await service.invoke('copy:start', { sources: [source], cube, job: 'svc', password: PASSWORD, bwlimitBytesPerSecond: 1_500_000, threads: 2 })
    expect(started).toEqual({ ok: true, value: { job: 'svc' } })
    const again = await service.invoke('copy:start', { sources: [source], cube, job: 'svc', password: PASSWORD })
    expect(again).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await waitFor(() => events.find((e) => e.kind === 'progress' && e.progress.bytesRead > 0), 30_000, 'progress')
    const paused = await service.invoke('copy:pause', { cube, job: 'svc' })
    expect(paused).toMatchObject({ ok: true, value: { job: 'svc', paused: true } })
    await waitFor(() => events.find((e) => e.kind === 'progress' && e.progress.phase === 'paused'), 10_000, 'paused phase')
    // reads already under way finish (how long depends on the machine); after that nothing more is read
    const snapshot = async () => ((await service.invoke('copy:list', null)) as { ok: true; value: Array<{ progress: { bytesRead: number; lastCheckpointAt?: string } }> }).value[0]!.progress
    // settled: the same count over two windows in a row (a loaded CI machine can hold one read for seconds)
    let stable = (await snapshot()).bytesRead
    let calm = 0
    await waitFor(async () => {
      await new Promise((r) => setTimeout(r, 3000))
      const now = (await snapshot()).bytesRead
      calm = now === stable ? calm + 1 : 0
      stable = now
      return calm >= 2 ? true : undefined
    }, 120_000, 'in-flight reads to settle')
    await new Promise((r) => setTimeout(r, 3000))
    const after = await snapshot()
    expect(after.bytesRead).toBe(stable)
    expect(after.lastCheckpointAt).toBeDefined()
    expect(await service.invoke('copy:resume', { cube, job: 'svc' })).toMatchObject({ ok: true, value: { paused: false } })
    const finished = await waitFor(() => events.find((e) => e.kind === 'finished'), 60_000, 'finished')
    expect(finished).toMatchObject({ kind: 'finished', job: 'svc', summary: { status: 'complete', files: 1503, changed: 0, errors: 0 } })
    const progressEvents = events.filter((e) => e.kind === 'progress').length
    console.log(`[service] ${progressEvents} progress events for 1503 files`)
    expect(progressEvents).toBeLessThan(1503)
    expect(JSON.stringify(events)).not.toContain(PASSWORD)
    expect(await service.invoke('copy:list', null)).toEqual({ ok: true, value: [] })
  }, 240_000)

  it('cancel stops at a clean checkpoint: the finished event says interrupted', async () => {
    const { service, events, source, cube } = await setup()
    await service.invoke('copy:start', { sources: [source], cube, job: 'stop', password: PASSWORD, bwlimitBytesPerSecond: 2_000_000 })
    await waitFor(() => events.find((e) => e.kind === 'progress' && e.progress.bytesRead > 0), 30_000, 'progress')
    expect(await service.invoke('copy:cancel', { cube, job: 'stop' })).toMatchObject({ ok: true })
    const finished = await waitFor(() => events.find((e) => e.kind === 'finished'), 30_000, 'finished')
    expect(finished).toMatchObject({ summary: { status: 'interrupted' } })
  }, 60_000)

  it('bad requests are refused as data, and a wrong password fails the copy with WRONG_PASSWORD', async () => {
    const { service, events, source, cube, bridge } = await setup()
    const invalid = await service.invoke('copy:start', { sources: ['relative'], cube, password: 12345 })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(JSON.stringify(invalid)).toContain('password: invalid')
    await writeFile(join(source, 'extra.txt'), 'x')
    await service.invoke('copy:start', { sources: [source], cube, job: 'pw', password: PASSWORD })
    await waitFor(() => events.find((e) => e.kind === 'finished'), 60_000, 'first copy')
    const reply = await fetch(`http://127.0.0.1:${bridge.port}/api/invoke/copy:start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lcube-token': bridge.token },
      body: JSON.stringify({ sources: [source], cube, job: 'pw', password: 'Wr0ng!Passw0rd' }),
    })
    expect(await reply.json()).toEqual({ ok: true, value: { job: 'pw' } })
    const failed = await waitFor(() => events.find((e) => e.kind === 'failed'), 30_000, 'failure event')
    expect(failed).toMatchObject({ kind: 'failed', job: 'pw', error: { code: 'WRONG_PASSWORD' } })
  }, 90_000)
})
