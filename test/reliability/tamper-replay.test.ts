// Tampering that keeps every byte authentic but out of place: records moved between packs of the same
// job, an older manifest or index of the same job put back. Each must be caught (exit 4), never restored silently.
import { cp, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { PACK_HEADER_BYTES } from '../../src-main/engine/format/pack-format'
import { decodeRecordHeader, RECORD_HEADER_BYTES } from '../../src-main/engine/format/record'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { seededBytes, treeDigest } from '../helpers/tree'
import { reportCounts } from './counts'

let pristine: string
let oldManifest: Buffer
let pw: string
let env: NodeJS.ProcessEnv
let source: string
let faults = 0

/** Two runs of one job: pack 1 from the first, pack 2 from the second, each with two 8 MiB raw parts. */
beforeAll(async () => {
  source = await tempDir('lcube-src-', 'file')
  await writeFile(join(source, 'first.bin'), seededBytes(1, 16 * 1024 * 1024))
  pristine = await makeCube(undefined, 'file')
  pw = await passwordFile(undefined, 'file')
  env = await testEnv({}, 'file')
  expect((await lcube(['copy', source, '--to', pristine, '--job', 'j', '--password-file', pw], env)).code).toBe(0)
  oldManifest = await readFile(join(pristine, 'jobs', 'j', 'manifest.lcm'))
  await writeFile(join(source, 'second.bin'), seededBytes(2, 16 * 1024 * 1024))
  expect((await lcube(['copy', source, '--to', pristine, '--job', 'j', '--password-file', pw], env)).code).toBe(0)
})

async function cubeCopy(): Promise<string> {
  const dir = join(await tempDir('lcube-tamper-'), 'cube')
  await cp(pristine, dir, { recursive: true })
  return dir
}

function records(bytes: Buffer): Array<{ at: number; length: number; type: number }> {
  const out = []
  for (let at = PACK_HEADER_BYTES; at + RECORD_HEADER_BYTES <= bytes.length;) {
    const header = decodeRecordHeader(bytes.subarray(at, at + RECORD_HEADER_BYTES))
    if (!header) break
    out.push({ at, length: RECORD_HEADER_BYTES + header.bodyLength, type: header.type })
    at += RECORD_HEADER_BYTES + header.bodyLength
  }
  return out
}

async function expectCaught(cube: string, pattern: RegExp): Promise<void> {
  faults += 1
  const verify = await lcube(['verify', cube, '--job', 'j', '--password-file', pw, '--source', source], env)
  expect(verify.code, verify.stdout + verify.stderr).toBe(4)
  expect(verify.stdout + verify.stderr).toMatch(pattern)
  const target = await tempDir('lcube-restore-')
  const restore = await lcube(['restore', cube, '--job', 'j', '--to', target, '--password-file', pw], env)
  expect(restore.code, restore.stdout + restore.stderr).toBe(4)
}

describe('authentic bytes in the wrong place', () => {
  it('the untouched two-run job verifies clean', async () => {
    const verify = await lcube(['verify', pristine, '--job', 'j', '--password-file', pw, '--source', source], env)
    expect(verify.code, verify.stdout).toBe(0)
  })

  it('a DATA record of pack 2 written over one of pack 1 (same length) is refused', async () => {
    const cube = await cubeCopy()
    const packs = join(cube, 'jobs', 'j', 'packs')
    const one = await readFile(join(packs, 'p000001.lcp'))
    const two = await readFile(join(packs, 'p000002.lcp'))
    const target = records(one).find((r) => r.type === 1)!
    const donor = records(two).find((r) => r.type === 1 && r.length === target.length)!
    expect(donor).toBeDefined()
    two.copy(one, target.at, donor.at, donor.at + donor.length)
    await writeFile(join(packs, 'p000001.lcp'), one)
    await expectCaught(cube, /p000001/)
  })

  it('two packs swapped by name are refused', async () => {
    const cube = await cubeCopy()
    const packs = join(cube, 'jobs', 'j', 'packs')
    await rename(join(packs, 'p000001.lcp'), join(packs, 'swap'))
    await rename(join(packs, 'p000002.lcp'), join(packs, 'p000001.lcp'))
    await rename(join(packs, 'swap'), join(packs, 'p000002.lcp'))
    await expectCaught(cube, /p00000[12]/)
  })

  it('the manifest of the first run put back over the current one: verify exits 4 naming it; restore uses the indexes and loses nothing', async () => {
    const cube = await cubeCopy()
    await writeFile(join(cube, 'jobs', 'j', 'manifest.lcm'), oldManifest)
    faults += 1
    const verify = await lcube(['verify', cube, '--job', 'j', '--password-file', pw], env)
    expect(verify.code, verify.stdout).toBe(4)
    expect(verify.stdout).toMatch(/manifest\.lcm is older than the packs/)
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--job', 'j', '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await treeDigest(target)).toEqual(await treeDigest(source))
  })

  it('index 1 put in place of index 2 is refused', async () => {
    const cube = await cubeCopy()
    const index = join(cube, 'jobs', 'j', 'index')
    await cp(join(index, 'p000001.lci'), join(index, 'p000002.lci'))
    await writeFile(join(cube, 'jobs', 'j', 'manifest.lcm'), '')
    await expectCaught(cube, /another pack or job|p000002/)
    reportCounts('authentic records, packs, indexes and manifests out of place', { faultsInjected: faults, caught: faults, silentSuccess: 0 })
  })
})
