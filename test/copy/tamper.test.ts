import { readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir } from '../helpers/temp'
import { cp } from 'node:fs/promises'

let pristine: string
let pw: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  const source = await tempDir('lcube-src-', 'file')
  await mixedDataset(source, { smallFiles: 200, largeFiles: 2, largeBytes: 3 * 1024 * 1024 })
  pristine = await makeCube(undefined, 'file')
  pw = await passwordFile(undefined, 'file')
  env = await testEnv({}, 'file')
  const copied = await lcube(['copy', source, '--to', pristine, '--job', 'j', '--password-file', pw], env)
  expect(copied.code).toBe(0)
})

/** A fresh copy of the finished cube for each tampering, so the cases do not interfere. */
async function cubeCopy(): Promise<string> {
  const dir = join(await tempDir('lcube-tamper-'), 'cube')
  await cp(pristine, dir, { recursive: true })
  return dir
}

async function flipBit(file: string, offset: number): Promise<void> {
  const bytes = await readFile(file)
  bytes[offset]! ^= 0x10
  await writeFile(file, bytes)
}

const job = (cube: string) => join(cube, 'jobs', 'j')

describe('wrong password and tampering', () => {
  it('a wrong password exits 3 and reads no pack', async () => {
    const wrong = await passwordFile('Wr0ng!Passw0rd')
    for (const command of ['verify', 'restore']) {
      const args = command === 'restore' ? [command, pristine, '--to', await tempDir(), '--password-file', wrong] : [command, pristine, '--password-file', wrong]
      const run = await lcube(args, env)
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/Wrong password for job "j"/)
    }
  })

  it('the untouched cube verifies clean', async () => {
    const run = await lcube(['verify', pristine, '--password-file', pw], env)
    expect(run.stdout).toContain('Result: clean')
    expect(run.code).toBe(0)
  })

  it('one flipped bit in a pack: exit 4, naming the pack and the files in the damaged record', async () => {
    const cube = await cubeCopy()
    const pack = join(job(cube), 'packs', 'p000001.lcp')
    // the middle of the pack is file data (metadata records are a few hundred bytes in megabytes)
    await flipBit(pack, Math.floor((await readFile(pack)).length / 2))
    const run = await lcube(['verify', cube, '--password-file', pw, '--json'], env)
    expect(run.code).toBe(4)
    const result = JSON.parse(run.stdout)
    expect(result.issues[0]).toMatchObject({ kind: 'corrupt', detail: expect.stringContaining('pack p000001.lcp does not match its SHA-256') })
    const fileIssues = result.issues.filter((i: { path?: string }) => i.path)
    expect(fileIssues.length).toBeGreaterThan(0)
    expect(fileIssues[0].detail).toMatch(/Pack p000001\.lcp at offset \d+: record fails authentication/)
    const restore = await lcube(['restore', cube, '--to', await tempDir(), '--password-file', pw, '--json'], env)
    expect(restore.code).toBe(4)
    expect(JSON.parse(restore.stdout).corrupt.length).toBe(fileIssues.length)
  })

  it('one flipped bit in an index: exit 4 naming the index', async () => {
    const cube = await cubeCopy()
    const index = join(job(cube), 'index', 'p000001.lci')
    await flipBit(index, 100)
    await writeFile(join(job(cube), 'manifest.lcm'), '')
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/p000001\.lci: block 0 fails authentication/)
  })

  it('one flipped bit in the manifest: verify exits 4 naming it; restore falls back to the pack indexes', async () => {
    const cube = await cubeCopy()
    const manifest = join(job(cube), 'manifest.lcm')
    await flipBit(manifest, (await readFile(manifest)).length - 40)
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/manifest\.lcm: .*(footer fails authentication|bytes between)/)
    expect(run.stdout).toContain('checked 1 packs, 202 files')
    const restore = await lcube(['restore', cube, '--to', await tempDir(), '--password-file', pw, '--json'], env)
    expect(JSON.parse(restore.stdout).files).toBe(202)
  })

  it('a manifest block damaged mid-stream is reported, not a crash', async () => {
    const cube = await cubeCopy()
    await flipBit(join(job(cube), 'manifest.lcm'), 80)
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/manifest\.lcm: block 0 fails authentication/)
  })

  it('one flipped bit in header.json: verify exits 4 naming it; the backup still restores everything', async () => {
    const cube = await cubeCopy()
    await flipBit(join(job(cube), 'header.json'), 30)
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/header\.json is damaged \(its backup header\.bak is intact/)
    const restore = await lcube(['restore', cube, '--to', await tempDir(), '--password-file', pw, '--json'], env)
    expect(restore.code).toBe(0)
    expect(JSON.parse(restore.stdout).files).toBe(202)
  })

  it('both header copies damaged: exit 4, "damaged", never "wrong password"', async () => {
    const cube = await cubeCopy()
    await flipBit(join(job(cube), 'header.json'), 30)
    await flipBit(join(job(cube), 'header.bak'), 30)
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/is damaged .* this is not a password problem/)
  })

  it('a truncated pack: exit 4', async () => {
    const cube = await cubeCopy()
    const pack = join(job(cube), 'packs', 'p000001.lcp')
    const size = (await readFile(pack)).length
    await truncate(pack, size - 1000)
    const run = await lcube(['verify', cube, '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/pack p000001\.lcp is \d+ bytes, its index says \d+ \(truncated or extended\)/)
  })

  it('an index replayed from another job is refused', async () => {
    const cube = await cubeCopy()
    const other = await tempDir('lcube-src-')
    await writeFile(join(other, 'x.txt'), 'other job')
    expect((await lcube(['copy', other, '--to', cube, '--job', 'k', '--password-file', pw], env)).code).toBe(0)
    await cp(join(cube, 'jobs', 'k', 'index', 'p000001.lci'), join(job(cube), 'index', 'p000001.lci'))
    await writeFile(join(job(cube), 'manifest.lcm'), '')
    const run = await lcube(['verify', cube, '--job', 'j', '--password-file', pw], env)
    expect(run.code).toBe(4)
    expect(run.stdout).toMatch(/belongs to another pack or job/)
    expect((await readdir(join(job(cube), 'packs'))).length).toBe(1)
  })
})
