import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN, lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir } from '../helpers/temp'
import { treeDigest } from '../helpers/tree'
import { readJournal } from '../../src-main/engine/format/journal'
import { PACK_HEADER_BYTES } from '../../src-main/engine/format/pack-format'
import { decodeRecordHeader, RECORD_HEADER_BYTES } from '../../src-main/engine/format/record'
import { LONG, reportCounts } from '../reliability/counts'

/** kill -9 rounds of the crash loop: 50 in CI, 200 with LCUBE_LONG=1. */
const KILLS = LONG ? 200 : 50

/** Runs lcube copy as its own process and kills it with SIGKILL after delayMs (no chance to clean up). */
function copyAndKill(args: string[], env: NodeJS.ProcessEnv, delayMs: number, when?: () => Promise<boolean>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LCUBE_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: 'ignore' })
    let timer: NodeJS.Timeout | undefined
    let exited = false
    // with a condition, the delay starts once the run has reached it: the test does not depend on machine speed
    const arm = async () => {
      while (when && !exited && !(await when())) await new Promise((r) => setTimeout(r, 25))
      if (!exited) timer = setTimeout(() => child.kill('SIGKILL'), delayMs)
    }
    void arm()
    child.on('exit', (code, signal) => {
      exited = true
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
}

/** Journal records of a job so far (the job may not exist yet). */
async function journalOf(jobDir: string) {
  return (await readJournal(join(jobDir, 'journal.lcj'))).records
}

/** Deterministic delays: the run is reproducible from its seed. */
function delays(seed: number, count: number, min: number, max: number): number[] {
  let x = seed
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return min + (x % (max - min))
  })
}

describe('crash safety', () => {
  it(`kill -9 ${KILLS} times at random moments, then finish: the restore is byte-exact and no key/nonce pair is ever used twice`, async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 4000, largeFiles: 16, largeBytes: 1536 * 1024 })
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv({ LCUBE_CHECKPOINT: '4000000,300,250' })
    const args = ['copy', source, '--to', cube, '--job', 'crashy', '--password-file', pw, '--threads', '2']
    // throttled so every kill lands mid-copy: each kill comes a random time after that run starts copying
    const jobDir = join(cube, 'jobs', 'crashy')
    const plan = delays(20261123, KILLS, 150, 1500)
    const outcomes = []
    for (const delay of plan) {
      const plansBefore = (await journalOf(jobDir)).filter((r) => r.t === 'plan').length
      const copying = async () => (await journalOf(jobDir)).filter((r) => r.t === 'plan').length > plansBefore
      outcomes.push({ delay, ...(await copyAndKill([...args, '--bwlimit', LONG ? '300K' : '1M'], env, delay, copying)) })
    }
    console.log('[crash] kill -9, ms after copying began:', outcomes.map((o) => `${o.delay}${o.signal === 'SIGKILL' ? '' : `(exited ${o.code})`}`).join(', '))
    const kills = outcomes.filter((o) => o.signal === 'SIGKILL').length
    // a run may finish before its kill only near the end, when little is left to copy
    expect(kills).toBeGreaterThanOrEqual(KILLS - 5)

    const finished = await lcube([...args, '--json'], env)
    expect(finished.code).toBe(0)
    const summary = JSON.parse(finished.stdout.trim().split('\n').pop()!)
    console.log(`[crash] final run: ${summary.files} files copied, ${summary.alreadyDone} already durable from the killed runs`)
    expect(summary.alreadyDone).toBeGreaterThan(0)
    expect(summary.files + summary.alreadyDone).toBe(4016)

    const verified = await lcube(['verify', cube, '--job', 'crashy', '--password-file', pw, '--source', source], env)
    if (!verified.stdout.includes('Result: clean')) console.log('[crash] VERIFY', verified.stdout, verified.stderr)
    expect(verified.stdout).toContain('Result: clean')
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--job', 'crashy', '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await treeDigest(target)).toEqual(await treeDigest(source))

    // every pack was created with a fresh random salt (its key): a pack is never reopened for appending;
    // within a pack the nonce is the record's sequence number. Read every record's framing and check that
    // no (pack key, nonce) pair occurs twice, torn tails from the killed runs included
    const packsDir = join(cube, 'jobs', 'crashy', 'packs')
    const pairs = new Set<string>()
    const salts = new Set<string>()
    let records = 0
    for (const name of await readdir(packsDir)) {
      const bytes = await readFile(join(packsDir, name))
      const salt = bytes.subarray(32, 64).toString('hex')
      expect(salts.has(salt)).toBe(false)
      salts.add(salt)
      for (let at = PACK_HEADER_BYTES; at + RECORD_HEADER_BYTES <= bytes.length;) {
        const header = decodeRecordHeader(bytes.subarray(at, at + RECORD_HEADER_BYTES))
        if (!header) break
        const pair = `${salt}:${header.seq}`
        expect(pairs.has(pair)).toBe(false)
        pairs.add(pair)
        records += 1
        at += RECORD_HEADER_BYTES + header.bodyLength
      }
    }
    expect(records).toBe(pairs.size)
    reportCounts('crash loop (kill -9)', { runs: KILLS + 1, faultsInjected: kills, packs: salts.size, recordsChecked: records, nonceReuse: 0, bytesLost: 0 })
  }, LONG ? 1_800_000 : 600_000)

  it('the checkpoint that writing a part triggers journals that part: a large file of one part is resumable as soon as it is durable', async () => {
    const source = await tempDir('lcube-src-')
    const { writeFile } = await import('node:fs/promises')
    const { seededBytes } = await import('../helpers/tree')
    await writeFile(join(source, 'a.bin'), seededBytes(5, 3 * 1024 * 1024))
    await writeFile(join(source, 'b.bin'), seededBytes(6, 2 * 1024 * 1024 + 17))
    const cube = await makeCube()
    const pw = await passwordFile()
    // a checkpoint after every byte and never on time: only the writes themselves trigger them
    const env = await testEnv({ LCUBE_CHECKPOINT: '1,1000000,3600000' })
    const copied = await lcube(['copy', source, '--to', cube, '--job', 'parts', '--password-file', pw, '--threads', '1'], env)
    expect(copied.code, copied.stderr).toBe(0)
    const records = await journalOf(join(cube, 'jobs', 'parts'))
    const kinds = records.map((r) => r.t)
    // each file: its part's write checkpoints with a partial record for it; the next checkpoint lists it finished
    expect(kinds.filter((t) => t === 'partial')).toHaveLength(2)
    for (const at of kinds.flatMap((t, i) => (t === 'partial' ? [i] : []))) expect(kinds.slice(at).find((t) => t !== 'partial' && t !== 'finished')).toBe('ckpt')
    expect(records.flatMap((r) => (r.t === 'finished' ? r.files : []))).toHaveLength(2)
  }, 60_000)

  it('a large file interrupted twice continues from its durable parts instead of starting over', async () => {
    const source = await tempDir('lcube-src-')
    const { writeFile } = await import('node:fs/promises')
    const { seededBytes } = await import('../helpers/tree')
    await writeFile(join(source, 'disk-image.bin'), seededBytes(77, 48 * 1024 * 1024))
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv({ LCUBE_CHECKPOINT: '4000000,300,250' })
    const args = ['copy', source, '--to', cube, '--job', 'image', '--password-file', pw]
    const jobDir = join(cube, 'jobs', 'image')
    // each run is killed right after it has made at least one more part of the file durable; a resumed
    // run's first partial record only restates the inherited parts, so the second run needs two
    for (let run = 0; run < 2; run += 1) {
      const committedBefore = (await journalOf(jobDir)).filter((r) => r.t === 'partial').length
      const progressed = async () => {
        const records = await journalOf(jobDir)
        const lastPartial = records.map((r) => r.t).lastIndexOf('partial')
        return records.filter((r) => r.t === 'partial').length >= committedBefore + run + 1 && records.slice(lastPartial).some((r) => r.t === 'ckpt' || r.t === 'sealed')
      }
      expect((await copyAndKill([...args, '--bwlimit', '8M'], env, 0, progressed)).signal).toBe('SIGKILL')
    }
    const finished = await lcube([...args, '--json'], env)
    expect(finished.code).toBe(0)
    const summary = JSON.parse(finished.stdout.trim().split('\n').pop()!)
    const resumed = summary.notes.find((n: string) => n.startsWith('resuming disk-image.bin after'))
    expect(resumed).toBeDefined()
    const partsKept = Number(/after (\d+) parts/.exec(resumed)![1])
    console.log(`[crash] large file resumed after ${partsKept} parts; final run read ${summary.bytesIn} of ${48 * 1024 * 1024} bytes`)
    expect(partsKept).toBeGreaterThanOrEqual(2)
    expect(summary.bytesIn).toBe(48 * 1024 * 1024 - partsKept * 8 * 1024 * 1024)
    const verified = await lcube(['verify', cube, '--password-file', pw, '--source', source], env)
    if (!verified.stdout.includes('Result: clean')) console.log('[crash] VERIFY', verified.stdout, verified.stderr)
    expect(verified.stdout).toContain('Result: clean')
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await treeDigest(target)).toEqual(await treeDigest(source))
  }, 120_000)
})
