import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../../src-shared/history-types'
import { tempDir } from '../../test/helpers/temp'
import { HistoryStore } from './history-store'
import { latestSampler } from './sampler'

describe('history store', () => {
  it('saves an entry at start and finish, lists newest first, and shows one left running by a crash as interrupted', async () => {
    const dir = await tempDir()
    const seen: HistoryEntry[] = []
    const store = new HistoryStore(dir, (e) => seen.push(e))
    const first = await store.begin('scan', { sources: ['/data/a'] })
    first.log({ en: 'note', zh: '备注' })
    await first.finish('ok', { en: 'done', zh: '完成' })
    const second = await store.begin('copy', { sources: ['/data/a'], cube: '/mnt/cube', job: 'j' })
    const listed = await store.list()
    expect(listed.map((e) => `${e.kind}:${e.outcome}`)).toEqual(['copy:running', 'scan:ok'])
    expect(listed[1]!.log.map((l) => l.text.en)).toEqual(['note', 'done'])
    expect(seen.at(-1)!.id).toBe(second.id)
    // a new store (the app restarted) does not own the running entry any more
    const after = await new HistoryStore(dir, () => undefined).list()
    expect(after.map((e) => `${e.kind}:${e.outcome}`)).toEqual(['copy:interrupted', 'scan:ok'])
    // a file cut short is skipped, not fatal
    await writeFile(join(dir, '99999999T999999-scan-deadbeef.json'), '{"id":')
    expect((await store.list()).length).toBe(2)
    expect((await readdir(dir)).length).toBe(3)
    expect(JSON.parse(await readFile(join(dir, `${first.id}.json`), 'utf8'))).toMatchObject({ id: first.id, outcome: 'ok', finishedAt: expect.any(String) })
  })

  it('keeps a log of at most 500 lines: the first half and the latest', async () => {
    const store = new HistoryStore(await tempDir(), () => undefined)
    const record = await store.begin('copy', { sources: [] })
    for (let i = 0; i < 2000; i += 1) record.log({ en: `line ${i}`, zh: `第 ${i} 行` })
    await record.finish('ok', { en: 'end', zh: '结束' })
    const lines = record.entry.log.map((l) => l.text.en)
    expect(lines).toHaveLength(500)
    expect(lines[0]).toBe('line 0')
    expect(lines[249]).toBe('line 249')
    expect(lines.at(-1)).toBe('end')
    expect(lines.at(-2)).toBe('line 1999')
  })
})

describe('latest sampler', () => {
  it('passes on only the newest value, at most once per interval, and flushes the last one', async () => {
    const out: number[] = []
    const sampler = latestSampler<number>(100, (v) => out.push(v))
    for (let i = 0; i < 1000; i += 1) sampler.push(i)
    await new Promise((r) => setTimeout(r, 150))
    expect(out).toEqual([999])
    sampler.push(1000)
    sampler.push(1001)
    sampler.flush()
    expect(out).toEqual([999, 1001])
    sampler.flush()
    expect(out).toEqual([999, 1001])
  })
})
