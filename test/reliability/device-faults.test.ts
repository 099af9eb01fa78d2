// The cube (and the restore target) failing under the copy: unplugged, full at every stage, power cut.
// Each stop is clean (exit 5 or a kill), the same command resumes, and the restore is byte-exact.
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, open, readdir, readFile, rename, stat, rm, truncate, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSimulatedCube } from '../../src-main/device/simulate'
import { JournalWriter, readJournal } from '../../src-main/engine/format/journal'
import { PackWriter } from '../../src-main/engine/format/pack-writer'
import { RecordType } from '../../src-main/engine/format/record'
import { indexFileName, PACK_HEADER_BYTES } from '../../src-main/engine/format/pack-format'
import { LCUBE_BIN, lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir, waitFor } from '../helpers/temp'
import { treeDigest } from '../helpers/tree'
import { LONG, reportCounts } from './counts'

const mounts: string[] = []
afterAll(() => {
  for (const dir of mounts) spawnSync('umount', ['-l', dir])
})

/** A real small file system (tmpfs) for ENOSPC; undefined where this machine does not allow mounting. */
function mountTmpfs(dir: string, bytes: number): boolean {
  const done = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir])
  if (done.status === 0) mounts.push(dir)
  return done.status === 0
}
function unmount(dir: string): void {
  expect(spawnSync('umount', ['-l', dir]).status).toBe(0)
  mounts.splice(mounts.indexOf(dir), 1)
}
const resize = (dir: string, bytes: number) => expect(spawnSync('mount', ['-o', `remount,size=${bytes}`, dir]).status).toBe(0)
const canMount = (() => {
  const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d"'])
  return probe.status === 0
})()
if (!canMount) console.warn('[reliability] disk-full tests skipped: mounting a tmpfs needs root with CAP_SYS_ADMIN (CI runs as root)')

function spawnCopy(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [LCUBE_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })))
  return { child, exited }
}

async function restoreEquals(cube: string, job: string, pw: string, env: NodeJS.ProcessEnv, source: string): Promise<void> {
  const target = await tempDir('lcube-restore-')
  const restored = await lcube(['restore', cube, '--job', job, '--to', target, '--password-file', pw], env)
  expect(restored.code, restored.stderr).toBe(0)
  expect(await treeDigest(target)).toEqual(await treeDigest(source))
}

describe('device faults', () => {
  it('unplug mid-copy: a clean stop with exit 5; plugged back, the same command completes byte-exact', async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 800, largeFiles: 4, largeBytes: 3 * 1024 * 1024 })
    const cube = await makeCube()
    const away = `${cube}-unplugged`
    const pw = await passwordFile()
    const env = await testEnv({ LCUBE_CHECKPOINT: '1000000,100,200' })
    const args = ['copy', source, '--to', cube, '--job', 'unplug', '--password-file', pw, '--threads', '2']
    const run = spawnCopy([...args, '--bwlimit', '3M'], env)
    await waitFor(async () => ((await readJournal(join(cube, 'jobs', 'unplug', 'journal.lcj'))).records.some((r) => r.t === 'ckpt' && r.files > 0) ? true : undefined), 60_000, 'a checkpoint covering files')
    await rename(cube, away)
    const stopped = await Promise.race([run.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('copy did not stop after the unplug')), 60_000))])
    expect(stopped.code, stopped.stderr).toBe(5)
    expect(stopped.stderr).toMatch(/unplugged|not the one this copy started on/)
    await rename(away, cube)
    const resumed = await lcube([...args, '--json'], env)
    expect(resumed.code, resumed.stderr).toBe(0)
    const summary = JSON.parse(resumed.stdout.trim().split('\n').pop()!)
    expect(summary.alreadyDone).toBeGreaterThan(0)
    await restoreEquals(cube, 'unplug', pw, env, source)
    reportCounts('unplug mid-copy', { faultsInjected: 1, exit5: 1, resumed: 1, bytesLost: 0 })
  }, 180_000)

  it('power cut: after kill -9 the un-synced tail of the open pack and of the journal is cut or zeroed; every resume ends byte-exact', async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 1500, largeFiles: 24, largeBytes: 2 * 1024 * 1024 })
    const cube = await makeCube()
    const pw = await passwordFile()
    // checkpoints on time only (every two seconds), so the pack grows past its last checkpoint between them
    const env = await testEnv({ LCUBE_CHECKPOINT: '64000000,100000,2000' })
    const jobDir = join(cube, 'jobs', 'power')
    const journal = join(jobDir, 'journal.lcj')
    const args = ['copy', source, '--to', cube, '--job', 'power', '--password-file', pw, '--threads', '2']
    const cuts = LONG ? 12 : 4
    let packCuts = 0
    let journalCuts = 0
    /** The open pack and how much of it a checkpoint proved durable; undefined once it is sealed (indexed). */
    const openPack = async () => {
      const names = (await readdir(join(jobDir, 'packs')).catch(() => [] as string[])).filter((n) => n.endsWith('.lcp')).sort()
      const name = names[names.length - 1]
      if (!name) return undefined
      const packNo = Number(name.slice(1, 7))
      // sealing syncs the pack before its index is written: an indexed pack keeps every byte
      if (await stat(join(jobDir, 'index', indexFileName(packNo))).then(() => true, () => false)) return undefined
      const { records } = await readJournal(journal)
      const lastCkpt = [...records].reverse().find((r) => r.t === 'ckpt' && r.pack === packNo) as { offset: number } | undefined
      const size = await stat(join(jobDir, 'packs', name)).then((s) => s.size, () => 0)
      // a new pack's header is synced when the pack is created
      return { path: join(jobDir, 'packs', name), size, durable: lastCkpt?.offset ?? PACK_HEADER_BYTES, checkpoints: records.filter((r) => r.t === 'ckpt').length }
    }
    for (let i = 0; i < cuts; i += 1) {
      const before = (await readJournal(journal)).records.filter((r) => r.t === 'ckpt').length
      const run = spawnCopy([...args, '--bwlimit', '8M'], env)
      let exited = false
      void run.exited.then(() => (exited = true))
      // killed once this run made something durable and has written past its last checkpoint
      await waitFor(async () => {
        if (exited) return true
        const pack = await openPack()
        if (!pack || pack.checkpoints <= before) return undefined
        // on a slow machine the pack may only grow at checkpoints: after three, kill anyway
        return pack.size > pack.durable || pack.checkpoints > before + 3 ? true : undefined
      }, 60_000, 'a checkpoint and bytes after it')
      run.child.kill('SIGKILL')
      const ended = await run.exited
      if (ended.code === 0) break
      // lost page cache: whatever the open pack holds after its last checkpoint may never have reached the disk
      const pack = await openPack()
      if (pack && pack.size > pack.durable) {
        const cutAt = pack.durable + Math.floor((pack.size - pack.durable) / 2)
        if (i % 2 === 1) {
          const fd = await open(pack.path, 'r+')
          await fd.write(Buffer.alloc(pack.size - cutAt), 0, pack.size - cutAt, cutAt)
          await fd.close()
        } else await truncate(pack.path, cutAt)
        packCuts += 1
      }
      const journalBytes = await readFile(journal)
      await truncate(journal, journalBytes.length - Math.min(37, Math.floor(journalBytes.length / 50)))
      journalCuts += 1
    }
    expect(packCuts).toBeGreaterThanOrEqual(1)
    const finished = await lcube([...args, '--json'], env)
    expect(finished.code, finished.stderr).toBe(0)
    const verified = await lcube(['verify', cube, '--job', 'power', '--password-file', pw, '--source', source], env)
    expect(verified.stdout).toContain('Result: clean')
    await restoreEquals(cube, 'power', pw, env, source)
    reportCounts('power cut (tail cut or zeroed after kill -9)', { runs: journalCuts + 1, packTailsCutOrZeroed: packCuts, journalTailsTorn: journalCuts, bytesLost: 0 })
  }, 300_000)

  describe.skipIf(!canMount)('disk full (a real tmpfs)', () => {
    it('the cube fills while the header, the packs or the index and manifest are written: exit 5 each time, and with room again the same command completes byte-exact', async () => {
      const source = await tempDir('lcube-src-')
      await mixedDataset(source, { smallFiles: 300, largeFiles: 2, largeBytes: 1024 * 1024 })
      const pw = await passwordFile()
      const env = await testEnv({ LCUBE_CHECKPOINT: '200000,50,200' })
      // the room a whole job needs, measured on an unlimited cube
      const probe = await makeCube()
      expect((await lcube(['copy', source, '--to', probe, '--job', 'full', '--password-file', pw], env)).code).toBe(0)
      const du = (dir: string) => Number(spawnSync('du', ['-sB1', dir]).stdout.toString().split('\t')[0])
      const needed = du(probe)
      const stages = new Set<string>()
      const probeJob = join(probe, 'jobs', 'full')
      const indexBytes = du(join(probeJob, 'index'))
      const manifestBytes = du(join(probeJob, 'manifest.lcm'))
      // room for: the identity and one header copy; half the packs; the packs and part of the index; all but the manifest
      const sizes = [4 * 1024, Math.floor(needed / 2), needed - manifestBytes - indexBytes + 4096, needed - manifestBytes]
      let stops = 0
      for (const size of sizes) {
        const cube = join(await tempDir('lcube-tmpfs-'), 'cube')
        await mkdir(cube)
        expect(mountTmpfs(cube, size)).toBe(true)
        try {
        await createSimulatedCube({ dir: cube, model: 'mini' })
        const args = ['copy', source, '--to', cube, '--job', 'full', '--password-file', pw]
        const first = await lcube(args, env)
        const jobDir = join(cube, 'jobs', 'full')
        const has = async (rel: string) => (await readdir(join(jobDir, rel)).catch(() => [] as string[])).filter((n) => !n.endsWith('.tmp')).length > 0
        if (first.code === 5) {
          stops += 1
          expect(first.stderr).toMatch(/full|ENOSPC/)
          const names = await readdir(jobDir).catch(() => [] as string[])
          // where it stopped: the furthest kind of file that is complete on the cube
          const count = async (rel: string) => (await readdir(join(jobDir, rel)).catch(() => [] as string[])).filter((n) => !n.endsWith('.tmp')).length
          const stage = !names.includes('header.bak') ? 'header' : !(await has('index')) ? 'pack' : (await count('index')) < (await count('packs')) ? 'index' : 'manifest'
          stages.add(stage)
        } else expect(first.code, first.stderr).toBe(0)
        resize(cube, needed * 3)
        const second = await lcube([...args, '--json'], env)
        expect(second.code, second.stderr).toBe(0)
        await restoreEquals(cube, 'full', pw, env, source)
        } finally {
          unmount(cube)
        }
      }
      console.log(`[reliability] disk full: stops at stages ${[...stages].join(', ')}`)
      expect(stops).toBe(sizes.length)
      expect(stages.size).toBeGreaterThanOrEqual(3)
      reportCounts('cube disk full', { runs: sizes.length, faultsInjected: stops, stagesHit: stages.size, bytesLost: 0 })
    }, 300_000)

    it('a pack or journal write that failed (full) takes nothing more, even with room again: no later record lands where a lost one belonged', async () => {
      const dir = await tempDir('lcube-full-')
      expect(mountTmpfs(dir, 1024 * 1024)).toBe(true)
      try {
        const jobId = randomBytes(16)
        const pack = await PackWriter.create(dir, 1, jobId, randomBytes(32))
        let failure: unknown
        for (let i = 0; i < 64 && !failure; i += 1) {
          pack.append(RecordType.DATA, 0, randomBytes(256 * 1024))
          failure = await pack.flush().then(() => undefined, (error: unknown) => error)
        }
        expect((failure as NodeJS.ErrnoException).code).toBe('ENOSPC')
        resize(dir, 64 * 1024 * 1024)
        // with room again, the writer still refuses: its lost records would otherwise be skipped silently
        expect(() => pack.append(RecordType.FILE, 0, Buffer.from('{}'))).toThrow(failure as Error)
        await expect(pack.flush()).rejects.toBe(failure)
        await expect(pack.sync()).rejects.toBe(failure)
        await pack.close()

        await rm(pack.path)
        resize(dir, 1024 * 1024)
        await writeFile(join(dir, 'filler'), Buffer.alloc(1000 * 1024))
        const journal = await JournalWriter.open(join(dir, 'journal.lcj'), 0)
        let journalFailure: unknown
        for (let i = 0; i < 4096 && !journalFailure; i += 1) {
          journalFailure = await journal.append({ t: 'open', pack: i }).then(() => undefined, (error: unknown) => error)
        }
        expect((journalFailure as NodeJS.ErrnoException).code).toBe('ENOSPC')
        resize(dir, 64 * 1024 * 1024)
        await expect(journal.append({ t: 'open', pack: 99_999 })).rejects.toBe(journalFailure)
        await journal.close()
        // what is in the journal is a prefix of what was appended, in order
        const { records } = await readJournal(join(dir, 'journal.lcj'))
        expect(records.map((r) => (r as { pack: number }).pack)).toEqual(records.map((_, i) => i))
      } finally {
        unmount(dir)
      }
    })

    it('the restore target fills: exit 5, and with room again the same restore completes byte-exact', async () => {
      const source = await tempDir('lcube-src-')
      await mixedDataset(source, { smallFiles: 200, largeFiles: 2, largeBytes: 2 * 1024 * 1024 })
      const pw = await passwordFile()
      const env = await testEnv()
      const cube = await makeCube()
      expect((await lcube(['copy', source, '--to', cube, '--job', 'r', '--password-file', pw], env)).code).toBe(0)
      const target = join(await tempDir('lcube-tmpfs-'), 'restore')
      await mkdir(target)
      expect(mountTmpfs(target, 2 * 1024 * 1024)).toBe(true)
      try {
      const full = await lcube(['restore', cube, '--job', 'r', '--to', target, '--password-file', pw], env)
      expect(full.code, full.stderr).toBe(5)
      expect(full.stderr).toMatch(/restore target .* is full/)
      resize(target, 64 * 1024 * 1024)
      const again = await lcube(['restore', cube, '--job', 'r', '--to', target, '--password-file', pw], env)
      expect(again.code, again.stderr).toBe(0)
      expect(await treeDigest(target)).toEqual(await treeDigest(source))
      } finally {
        unmount(target)
      }
      reportCounts('restore target disk full', { faultsInjected: 1, exit5: 1, bytesLost: 0 })
    }, 120_000)
  })
})
