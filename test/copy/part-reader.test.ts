// Reading a large file back part by part, the next part read ahead: bytes exact, and a damaged part is the
// error of the file it belongs to, at the moment that part is asked for (never lost, never early).
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { initZstd } from '../../src-main/engine/codec/zstd'
import { LcubeError } from '../../src-main/engine/errors'
import type { FileEntry } from '../../src-main/engine/format/entry'
import { RECORD_HEADER_BYTES } from '../../src-main/engine/format/record'
import { jobEntries } from '../../src-main/engine/job/manifest'
import { openJob } from '../../src-main/engine/job/open-job'
import { PartReader } from '../../src-main/engine/read/part-reader'
import { lcube } from '../helpers/cli'
import { makeCube, PASSWORD, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { seededBytes } from '../helpers/tree'

const PART = 8 * 1024 * 1024

async function entriesOf(cube: string): Promise<FileEntry[]> {
  const job = await openJob(cube, 'parts', PASSWORD)
  const listing = await jobEntries(job.paths, job.keys)
  const out: FileEntry[] = []
  for await (const entry of listing.entries) out.push(entry)
  await listing.close()
  job.keys.wipe()
  return out
}

describe('part reader', () => {
  it('reads every part of a 3-part file exactly; a damaged middle part fails that file at that part, and the restore names it and keeps the others', async () => {
    await initZstd()
    const source = await tempDir('lcube-src-')
    const big = seededBytes(41, 2 * PART + 12345, false)
    await writeFile(join(source, 'big.bin'), big)
    await writeFile(join(source, 'small.txt'), 'small file')
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    expect((await lcube(['copy', source, '--to', cube, '--job', 'parts', '--password-file', pw], env)).code).toBe(0)
    const entry = (await entriesOf(cube)).find((e) => e.path === 'big.bin')!
    expect(entry.parts).toHaveLength(3)

    const job = await openJob(cube, 'parts', PASSWORD)
    const reader = new PartReader(job.paths, job.keys)
    const whole: Uint8Array[] = []
    for await (const data of reader.parts(entry)) whole.push(Uint8Array.from(data))
    expect(Buffer.concat(whole).equals(big)).toBe(true)
    await reader.close()

    // one flipped byte in the body of the second part's record
    const [packNo, offset] = entry.parts![1]!
    const pack = join(cube, 'jobs', 'parts', 'packs', `p${String(packNo).padStart(6, '0')}.lcp`)
    const bytes = await readFile(pack)
    bytes[offset + RECORD_HEADER_BYTES + 1000]! ^= 0x01
    await writeFile(pack, bytes)

    const damaged = new PartReader(job.paths, job.keys)
    const seen: number[] = []
    let failure: unknown
    try {
      for await (const data of damaged.parts(entry)) seen.push(data.length)
    } catch (error) {
      failure = error
    }
    // the first part arrived whole; the read-ahead's error surfaced when the second was asked for
    expect(seen).toEqual([PART])
    expect(failure).toBeInstanceOf(LcubeError)
    expect((failure as LcubeError).code).toBe('CORRUPT')
    expect((failure as LcubeError).message).toContain(`offset ${offset}`)
    await damaged.close()
    job.keys.wipe()

    const target = await tempDir('lcube-restore-')
    const restored = await lcube(['restore', cube, '--job', 'parts', '--to', target, '--password-file', pw, '--json'], env)
    expect(restored.code).toBe(4)
    expect(restored.stdout).toContain('big.bin')
    expect(await readFile(join(target, 'small.txt'), 'utf8')).toBe('small file')
    // nothing half-written is left where the damaged file would be
    expect(existsSync(join(target, 'big.bin'))).toBe(false)
    expect((await readdir(target)).sort()).toEqual(['small.txt'])
  }, 60_000)
})
