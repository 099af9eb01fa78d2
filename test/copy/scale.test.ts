import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN, lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir, waitFor } from '../helpers/temp'
import { treeDigest } from '../helpers/tree'

const run = promisify(execFile)
const MEMORY_BOUND_MIB = 400

describe('scale and interruption', () => {
  it(`a synthetic job of 1,000,000 entries stays under ${MEMORY_BOUND_MIB} MiB peak RSS`, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'fixtures', 'million-entries.ts'), '1000000'], { maxBuffer: 1 << 20 })
    const result = JSON.parse(stdout.trim().split('\n').pop()!)
    console.log(`[scale] 1,000,000 entries written, indexed, merged and streamed: peak RSS ${result.peakRssMiB} MiB in ${result.seconds} s`)
    expect(result).toMatchObject({ entries: 1_000_000, written: 1_000_000, streamed: 1_000_000, ordered: true, complete: true })
    expect(result.peakRssMiB).toBeLessThan(MEMORY_BOUND_MIB)
  }, 300_000)

  it('SIGINT stops at a clean checkpoint with exit 130; the same command then completes', async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 1500, largeFiles: 4, largeBytes: 1024 * 1024 })
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    const args = ['copy', source, '--to', cube, '--password-file', pw, '--json']
    const child = spawn(process.execPath, [LCUBE_BIN, ...args, '--bwlimit', '2M'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    await waitFor(() => (/"bytesRead":[1-9]/.test(out) ? true : undefined), 30_000, 'copy under way')
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve)
      child.kill('SIGINT')
    })
    expect(code).toBe(130)
    const stopped = JSON.parse(out.trim().split('\n').pop()!)
    expect(stopped).toMatchObject({ event: 'summary', status: 'interrupted' })
    const finished = await lcube(args, env)
    expect(finished.code).toBe(0)
    const summary = JSON.parse(finished.stdout.trim().split('\n').pop()!)
    expect(summary.alreadyDone).toBeGreaterThan(0)
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await treeDigest(target)).toEqual(await treeDigest(source))
  }, 120_000)
})
