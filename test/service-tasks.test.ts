import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CopyEvent } from '../src-shared/copy-types'
import type { HistoryEntry } from '../src-shared/history-types'
import type { HandoverSheet, JobStatus, VerifyResult } from '../src-shared/job-types'
import type { CompareReportCore } from '../src-shared/compare-types'
import type { ScanReportCore } from '../src-shared/scan-types'
import type { TaskEvent, TaskRows } from '../src-shared/task-types'
import { ServiceClient } from '../src-main/service/service-client'
import { makeCube, PASSWORD, testEnv } from './helpers/cube'
import { serviceWithBridge } from './helpers/service'
import { tempDir, waitFor } from './helpers/temp'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

type Ok<T> = { ok: true; value: T }
const value = <T>(result: unknown): T => {
  expect(result).toMatchObject({ ok: true })
  return (result as Ok<T>).value
}

async function smallSource(): Promise<string> {
  const source = await tempDir('lcube-src-')
  await mkdir(join(source, 'docs', 'deep'), { recursive: true })
  for (let i = 0; i < 40; i += 1) await writeFile(join(source, 'docs', `f${i}.txt`), `file ${i} `.repeat(50 + i))
  await writeFile(join(source, 'docs', 'deep', 'big.bin'), Buffer.alloc(300_000, 7))
  await symlink('docs/f1.txt', join(source, 'link'))
  return source
}

describe('scan, verify, compare, jobs and history through the service API', () => {
  it('runs each task with sampled progress, pages its lists, exports reports, and records history without the password', async () => {
    Object.assign(process.env, await testEnv())
    const ctx = await serviceWithBridge()
    closers.push(ctx.close)
    const { service } = ctx
    const tasks: TaskEvent[] = []
    const copies: CopyEvent[] = []
    const history: HistoryEntry[] = []
    service.subscribe('tasks:event', (e) => tasks.push(e))
    service.subscribe('copy:event', (e) => copies.push(e))
    service.subscribe('history:changed', (e) => history.push(e))
    const source = await smallSource()
    const cube = await makeCube()

    const scan = value<{ id: string }>(await service.invoke('scan:start', { sources: [source], bucket: 'my-bucket', region: 'oss-cn-hangzhou', probeSeconds: 0 }))
    const scanned = await waitFor(() => tasks.find((e) => e.id === scan.id && e.kind !== 'progress'), 60_000, 'scan result')
    expect(scanned.kind).toBe('finished')
    const core = (scanned as { result: ScanReportCore }).result
    expect(core.totals.files).toBe(41)
    expect(core.violationCounts.symlink).toBe(1)
    const violations = value<TaskRows>(await service.invoke('tasks:rows', { id: scan.id, list: 'violations', offset: 0, limit: 10 }))
    expect(violations).toMatchObject({ total: 1, offset: 0, rows: [{ path: 'link', rule: 'symlink' }] })
    const exported = value<{ files: string[] }>(await service.invoke('tasks:export', { id: scan.id, format: 'csv' }))
    expect(exported.files).toHaveLength(3)
    expect((await readFile(exported.files[0]!, 'utf8')).startsWith('\ufeff')).toBe(true)
    expect(await service.invoke('tasks:export', { id: scan.id, format: 'docx' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(await service.invoke('tasks:rows', { id: scan.id, list: 'match', offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    value(await service.invoke('copy:start', { sources: [source], cube, job: 'j1', password: PASSWORD, threads: 2, bwlimitBytesPerSecond: 100_000 }))
    const throttled = value<{ bwlimit: number | null }>(await service.invoke('copy:throttle', { cube, job: 'j1', bytesPerSecond: null }))
    expect(throttled.bwlimit).toBeNull()
    const finished = await waitFor(() => copies.find((e) => e.kind !== 'progress'), 60_000, 'copy end')
    expect(finished).toMatchObject({ kind: 'finished', cube, summary: { status: 'complete', files: 41 } })
    const skipped = copies.flatMap((e) => (e.kind === 'progress' ? e.problems : []))
    expect(skipped.map((p) => p.path)).toEqual(['link'])

    const jobs = value<JobStatus[]>(await service.invoke('jobs:list', { path: cube }))
    expect(jobs).toMatchObject([{ name: 'j1', state: 'complete', filesDone: 41 }])
    const sheet = value<HandoverSheet>(await service.invoke('jobs:handover', { cube, job: 'j1' }))
    expect(sheet).toMatchObject({ jobName: 'j1', keyFingerprint: jobs[0]!.keyFingerprint, keySlots: 1, device: { path: cube, model: 'ii', simulated: true } })
    expect(await service.invoke('jobs:handover', { cube, job: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const verify = value<{ id: string }>(await service.invoke('verify:start', { cube, job: 'j1', password: PASSWORD, sources: [source] }))
    const verified = await waitFor(() => tasks.find((e) => e.id === verify.id && e.kind !== 'progress'), 60_000, 'verify result')
    expect((verified as { result: VerifyResult }).result).toMatchObject({ filesChecked: 41, counts: { corrupt: 0, differ: 0, missing: 0 } })
    const wrong = value<{ id: string }>(await service.invoke('verify:start', { cube, job: 'j1', password: 'Wr0ng!Password' }))
    const refused = await waitFor(() => tasks.find((e) => e.id === wrong.id && e.kind !== 'progress'), 60_000, 'verify refusal')
    expect(refused).toMatchObject({ kind: 'failed', error: { code: 'WRONG_PASSWORD' } })

    const compare = value<{ id: string }>(await service.invoke('compare:start', { sources: [source], against: `cube:${cube}#j1`, mode: 'full', password: PASSWORD }))
    const compared = await waitFor(() => tasks.find((e) => e.id === compare.id && e.kind !== 'progress'), 60_000, 'compare result')
    const report = (compared as { result: CompareReportCore }).result
    expect(report.summary).toMatchObject({ match: 41, differ: 0, missingInTarget: 0, extraInTarget: 0 })
    const matches = value<TaskRows>(await service.invoke('tasks:rows', { id: compare.id, list: 'match', offset: 40, limit: 10 }))
    expect(matches.total).toBe(41)
    expect(matches.rows).toHaveLength(1)
    const html = value<{ files: string[] }>(await service.invoke('tasks:export', { id: compare.id, format: 'html' }))
    expect(await readFile(html.files[0]!, 'utf8')).toContain('<!doctype html>')

    const changed = value<{ keySlots: number }>(await service.invoke('jobs:changePassword', { cube, job: 'j1', password: PASSWORD, newPassword: 'N3w!Passw0rd-2026' }))
    expect(changed.keySlots).toBe(1)
    expect(await service.invoke('jobs:changePassword', { cube, job: 'j1', password: PASSWORD, newPassword: 'X' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })

    const listed = value<HistoryEntry[]>(await service.invoke('history:list', null))
    expect(listed.map((e) => `${e.kind}:${e.outcome}`).sort()).toEqual(['compare:ok', 'copy:findings', 'scan:findings', 'verify:failed', 'verify:ok'])
    expect(listed.find((e) => e.kind === 'scan')!.reports).toEqual(exported.files)
    expect(listed.find((e) => e.kind === 'compare')!.reports).toEqual(html.files)
    expect(history.length).toBeGreaterThanOrEqual(10)
    // the password is in no event, no history file and no report
    const written = [...(await readdir(join(ctx.dataDir, 'history'))).map((n) => join(ctx.dataDir, 'history', n)), ...exported.files, ...html.files]
    for (const file of written) expect(await readFile(file, 'utf8')).not.toContain(PASSWORD)
    expect(JSON.stringify([tasks, copies, history])).not.toContain(PASSWORD)
    expect(JSON.stringify([tasks, copies, history])).not.toContain('N3w!Passw0rd-2026')
  }, 240_000)

  it('lists folders for the browser picker and refuses relative paths and files', async () => {
    const ctx = await serviceWithBridge()
    closers.push(ctx.close)
    const dir = await smallSource()
    const listing = value<{ path: string; parent: string; dirs: string[] }>(await ctx.service.invoke('fs:listFolder', { path: dir }))
    expect(listing.dirs).toEqual(['docs'])
    expect(await ctx.service.invoke('fs:listFolder', { path: 'relative/dir' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(await ctx.service.invoke('fs:listFolder', { path: join(dir, 'docs', 'f1.txt') })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(await ctx.service.invoke('app:pickFolder', null)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })
})

describe('the service in its worker thread', () => {
  it('answers calls and relays events across the thread, and stops cleanly', async () => {
    Object.assign(process.env, await testEnv())
    const client = await ServiceClient.start({ mode: 'web', defaultLang: 'zh' })
    closers.push(() => client.stop())
    expect(await client.invoke('app:info', null)).toMatchObject({ ok: true, value: { mode: 'web', defaultLang: 'zh' } })
    expect(await client.invoke('nope:nothing', null)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const changes: unknown[] = []
    client.subscribe('devices:changed', (e) => changes.push(e))
    const dir = join(await tempDir(), 'cube')
    const created = value<{ path: string; serial: string }>(await client.invoke('devices:simulate', { dir, model: 'mini', register: true }))
    expect(created.path).toBe(dir)
    await waitFor(() => (changes.length > 0 ? true : undefined), 20_000, 'a devices:changed event from the worker')
    await client.stop()
    expect(await client.invoke('app:info', null)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  }, 60_000)

  it('asks the parent thread to print PDF reports when told to (the desktop app prints with its own Chromium)', async () => {
    Object.assign(process.env, await testEnv())
    const printed: string[] = []
    const client = await ServiceClient.start({ mode: 'electron', defaultLang: 'en', printPdfInParent: true }, async (htmlPath, pdfPath) => {
      printed.push(await readFile(htmlPath, 'utf8'))
      await writeFile(pdfPath, '%PDF-1.7 printed by the parent')
    })
    closers.push(() => client.stop())
    const tasks: TaskEvent[] = []
    client.subscribe('tasks:event', (e) => tasks.push(e))
    const scan = value<{ id: string }>(await client.invoke('scan:start', { sources: [await smallSource()], probeSeconds: 0 }))
    await waitFor(() => tasks.find((e) => e.id === scan.id && e.kind === 'finished'), 60_000, 'scan result')
    const pdf = value<{ files: string[] }>(await client.invoke('tasks:export', { id: scan.id, format: 'pdf' }))
    expect(await readFile(pdf.files[0]!, 'utf8')).toBe('%PDF-1.7 printed by the parent')
    expect(printed).toHaveLength(1)
    expect(printed[0]).toContain('<!doctype html>')
  }, 60_000)
})
