import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

const created: string[] = []
const createdForFile: string[] = []

/** A fresh temp directory, removed after the test (or, with scope 'file', after the test file: for beforeAll fixtures). */
export async function tempDir(prefix = 'lcube-test-', scope: 'test' | 'file' = 'test'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  ;(scope === 'file' ? createdForFile : created).push(dir)
  return dir
}

afterEach(async () => {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true })
})

afterAll(async () => {
  for (const dir of createdForFile.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** Polls until check returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
