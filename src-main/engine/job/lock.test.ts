import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir, waitFor } from '../../../test/helpers/temp'
import { acquireJobLock, FOREIGN_STALE_MS, LOCK_FILE } from './lock'

const longAgo = (ms: number) => new Date(Date.now() - ms)

describe('job lock', () => {
  it('the holder keeps touching its lock, so a long pause never looks abandoned to another host', async () => {
    const dir = await tempDir()
    const lock = await acquireJobLock(dir, 'j', { refreshMs: 50 })
    const file = join(dir, LOCK_FILE)
    await utimes(file, longAgo(FOREIGN_STALE_MS * 2), longAgo(FOREIGN_STALE_MS * 2))
    await waitFor(async () => (Date.now() - (await stat(file)).mtimeMs < 5000 ? true : undefined), 10_000, 'heartbeat')
    await lock.release()
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('another host\'s fresh lock is refused; one untouched for 15 minutes is taken over', async () => {
    const dir = await tempDir()
    const file = join(dir, LOCK_FILE)
    await writeFile(file, JSON.stringify({ pid: 4242, host: 'other-host', startedAt: '2026-11-23T00:00:00Z', token: 'x' }))
    await expect(acquireJobLock(dir, 'j')).rejects.toMatchObject({ code: 'LOCKED', text: { en: expect.stringContaining('process 4242 on other-host') } })
    await utimes(file, longAgo(FOREIGN_STALE_MS + 60_000), longAgo(FOREIGN_STALE_MS + 60_000))
    const lock = await acquireJobLock(dir, 'j')
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid })
    await lock.release()
  })

  it('a lock left by a dead process on this host is taken over', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), startedAt: 'x', token: 'y' }))
    const lock = await acquireJobLock(dir, 'j')
    await lock.release()
  })
})
