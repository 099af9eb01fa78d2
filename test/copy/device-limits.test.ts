import { spawn } from 'node:child_process'
import { readFile, writeFile, appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN, lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir, waitFor } from '../helpers/temp'
import { seededBytes, treeDigest } from '../helpers/tree'

describe('device full, locks and concurrent jobs', () => {
  it('a full cube stops cleanly with exit 5; with more capacity the same command completes', async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 300, largeFiles: 3, largeBytes: 2 * 1024 * 1024 })
    const cube = await makeCube(3_000_000)
    const pw = await passwordFile()
    const env = await testEnv({ LCUBE_CHECKPOINT: '500000,50,200' })
    const full = await lcube(['copy', source, '--to', cube, '--password-file', pw], env)
    expect(full.code).toBe(5)
    expect(full.stderr).toMatch(/has \d+ bytes left of its capacity.*stopped at a clean checkpoint.*run the same command again to resume/)
    const identityFile = join(cube, 'lightning-cube.json')
    const identity = JSON.parse(await readFile(identityFile, 'utf8'))
    await writeFile(identityFile, JSON.stringify({ ...identity, capacityBytes: 100_000_000 }))
    const resumed = await lcube(['copy', source, '--to', cube, '--password-file', pw, '--json'], env)
    expect(resumed.code).toBe(0)
    const summary = JSON.parse(resumed.stdout.trim().split('\n').pop()!)
    expect(summary.alreadyDone).toBeGreaterThan(0)
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await treeDigest(target)).toEqual(await treeDigest(source))
  })

  it('a cube that is not there is exit 5; a folder that is not a cube is exit 2', async () => {
    const source = await tempDir('lcube-src-')
    const env = await testEnv()
    const pw = await passwordFile()
    const gone = await lcube(['copy', source, '--to', '/nonexistent/cube', '--password-file', pw], env)
    expect(gone.code).toBe(5)
    expect(gone.stderr).toMatch(/is it plugged in and mounted/)
    const plain = await lcube(['copy', source, '--to', await tempDir(), '--password-file', pw], env)
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/is not a Lightning Cube/)
  })

  it('a second copy into the same job is refused with a lock message; two jobs into one cube both restore', async () => {
    const [a, b] = [await tempDir('lcube-srcA-'), await tempDir('lcube-srcB-')]
    await mixedDataset(a, { smallFiles: 400, largeFiles: 2, largeBytes: 2 * 1024 * 1024, seed: 1 })
    await mixedDataset(b, { smallFiles: 400, largeFiles: 2, largeBytes: 2 * 1024 * 1024, seed: 2 })
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    const slow = spawn(process.execPath, [LCUBE_BIN, 'copy', a, '--to', cube, '--job', 'alpha', '--password-file', pw, '--bwlimit', '2M', '--json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let out = ''
    slow.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    await waitFor(() => (out.includes('"phase":"copying"') ? true : undefined), 30_000, 'first copy running')
    const second = await lcube(['copy', a, '--to', cube, '--job', 'alpha', '--password-file', pw], env)
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/Job "alpha" is being written by process \d+ on .* another job name can copy into the same cube/)
    const other = await lcube(['copy', b, '--to', cube, '--job', 'beta', '--password-file', pw], env)
    expect(other.code).toBe(0)
    expect(await new Promise((resolve) => slow.on('close', resolve))).toBe(0)
    for (const [job, source] of [['alpha', a], ['beta', b]] as const) {
      const target = await tempDir('lcube-restore-')
      expect((await lcube(['restore', cube, '--job', job, '--to', target, '--password-file', pw], env)).code).toBe(0)
      expect(await treeDigest(target)).toEqual(await treeDigest(source))
    }
    const status = JSON.parse((await lcube(['status', cube, '--json'], env)).stdout)
    expect(status.map((s: { name: string; state: string; filesDone: number }) => [s.name, s.state, s.filesDone])).toEqual([['alpha', 'complete', 402], ['beta', 'complete', 402]])
  }, 120_000)

  it('a file rewritten during the copy is reported CHANGED, never recorded as good, and exit is 1', async () => {
    const source = await tempDir('lcube-src-')
    await writeFile(join(source, 'stable.txt'), 'stable')
    const busy = join(source, 'busy.log')
    await writeFile(busy, seededBytes(9, 6 * 1024 * 1024, true))
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    let writing = true
    const writer = (async () => {
      while (writing) {
        await appendFile(busy, 'another line\n')
        await new Promise((r) => setTimeout(r, 5))
      }
    })()
    const run = await lcube(['copy', source, '--to', cube, '--password-file', pw, '--bwlimit', '3M', '--json'], env)
    writing = false
    await writer
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!)
    expect(summary).toMatchObject({ changed: 1, files: 1, problems: [{ path: 'busy.log', code: 'changed', reason: expect.stringContaining('changed while being read') }] })
    const verified = await lcube(['verify', cube, '--password-file', pw], env)
    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(/\[not-copied\] busy\.log: not on the cube/)
    const target = await tempDir('lcube-restore-')
    const restored = JSON.parse((await lcube(['restore', cube, '--to', target, '--password-file', pw, '--json'], env)).stdout)
    expect(restored).toMatchObject({ files: 1, notCopied: 1 })
  }, 120_000)
})
