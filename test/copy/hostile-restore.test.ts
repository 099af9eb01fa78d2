import { createHash } from 'node:crypto'
import { mkdir, readdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JobWriter, DEFAULT_CHECKPOINT } from '../../src-main/engine/copy/job-writer'
import { initZstd } from '../../src-main/engine/codec/zstd'
import { createCrc64 } from '../../src-main/engine/hash'
import { JournalWriter } from '../../src-main/engine/format/journal'
import type { FileEntry } from '../../src-main/engine/format/entry'
import { createJob } from '../../src-main/engine/job/open-job'
import { writeManifest } from '../../src-main/engine/job/manifest'
import { runRestore } from '../../src-main/engine/read/restore'
import { safeTarget } from '../../src-main/engine/read/safe-path'
import { makeCube, PASSWORD } from '../helpers/cube'
import { tempDir } from '../helpers/temp'

/** Writes a job whose entries say whatever an attacker wants, with real encrypted data behind them. */
async function hostileJob(entries: Array<Omit<FileEntry, 'parts' | 'sha256' | 'crc64' | 'seq'> & { data?: string }>, override: Partial<FileEntry> = {}): Promise<string> {
  process.env.LCUBE_SCRYPT_LOGN = '10'
  await initZstd()
  const cube = await makeCube()
  const job = await createJob(cube, 'evil', PASSWORD)
  const journal = await JournalWriter.open(job.paths.journal, 0)
  const writer = new JobWriter(job.paths, job.keys, journal, 1, 1 << 28, DEFAULT_CHECKPOINT, undefined, cube, () => undefined, { files: 0, bytes: 0 })
  let seq = 0
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '')
    const crc = await createCrc64()
    crc.update(data)
    seq += 1
    const at = data.length > 0 ? await writer.writeData([{ fileSeq: seq, partNo: 0, length: data.length }], data, false) : undefined
    const { data: _drop, ...rest } = entry
    await writer.writeEntry({ ...rest, seq, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), crc64: crc.digest('hex'), parts: at ? [[at.pack, at.offset, 0, data.length]] : [], ...override })
  }
  await writer.seal()
  await writeManifest(job.paths, job.keys)
  await journal.close()
  job.keys.wipe()
  return cube
}

const base = { type: 'file' as const, mtimeNs: '1700000000000000000', mode: 0o644, status: 'ok' as const, size: 0 }

describe('a hostile cube cannot make restore write outside the target', () => {
  it('safeTarget refuses every escape', () => {
    const root = '/restore/here'
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/Windows/x', 'a\\..\\x', 'a//b', './a', 'a/.', '', 'a\0b', '..']) {
      expect(safeTarget(root, bad)).toBeUndefined()
    }
    expect(safeTarget(root, 'a/b.txt')).toBe('/restore/here/a/b.txt')
    expect(safeTarget(root, '..hidden')).toBe('/restore/here/..hidden')
  })

  it('refuses ../ and absolute paths and link tricks, restores the honest entries, writes nothing outside', async () => {
    const outside = await tempDir('lcube-outside-')
    const cube = await hostileJob([
      { ...base, path: '../escape.txt', data: 'escaped one level' },
      { ...base, path: `${outside}/absolute.txt`, data: 'absolute path' },
      { ...base, path: 'ok/fine.txt', data: 'honest file' },
      { ...base, type: 'symlink', path: 'link', target: outside },
      { ...base, path: 'link/through-link.txt', data: 'written through a link' },
      { ...base, path: 'x/../../up.txt', data: 'dot-dot in the middle' },
    ])
    const parent = await tempDir('lcube-restore-parent-')
    const target = join(parent, 'target')
    await mkdir(target)
    const result = await runRestore({ cubeDir: cube, jobName: 'evil', password: PASSWORD, targetDir: target })
    expect(result.files).toBe(1)
    expect(result.refused.map((r) => r.path).sort()).toEqual([`${outside}/absolute.txt`, '../escape.txt', 'link/through-link.txt', 'x/../../up.txt'].sort())
    expect(await readdir(outside)).toEqual([])
    expect((await readdir(parent)).sort()).toEqual(['target'])
    expect((await readdir(target)).sort()).toEqual(['link', 'ok'])
  })

  it('refuses names with NUL or not valid Unicode, and files whose declared size is absurd, without allocating it', async () => {
    const cube = await hostileJob([
      { ...base, path: 'nul\0name.txt', data: 'nul' },
      { ...base, path: 'lone-\ud800-surrogate.txt', data: 'surrogate' },
      { ...base, path: 'fine.txt', data: 'fine' },
    ])
    const target = await tempDir('lcube-restore-')
    const result = await runRestore({ cubeDir: cube, jobName: 'evil', password: PASSWORD, targetDir: target })
    expect(result.refused.map((r) => r.path).sort()).toEqual(['lone-\ud800-surrogate.txt', 'nul\0name.txt'].sort())
    expect(await readdir(target)).toEqual(['fine.txt'])
    // an entry that says it holds a petabyte, with five bytes of real data behind it
    const huge = await hostileJob([{ ...base, path: 'huge.bin', data: 'small' }], { size: 1e15 })
    const before = process.memoryUsage().rss
    const second = await tempDir('lcube-restore-')
    const outcome = await runRestore({ cubeDir: huge, jobName: 'evil', password: PASSWORD, targetDir: second }).then((r) => r, (e: unknown) => e)
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
    const corrupt = outcome instanceof Error ? [outcome.message] : (outcome as { corrupt: Array<{ path: string }> }).corrupt.map((c) => c.path)
    expect(corrupt.join(' ')).toContain('huge.bin')
    expect(await readdir(second)).toEqual([])
  })

  it('a pre-existing link inside the target is not followed', async () => {
    const outside = await tempDir('lcube-outside-')
    const cube = await hostileJob([{ ...base, path: 'docs/report.txt', data: 'report' }])
    const target = await tempDir('lcube-restore-')
    await symlink(outside, join(target, 'docs'))
    const result = await runRestore({ cubeDir: cube, jobName: 'evil', password: PASSWORD, targetDir: target })
    expect(result.files).toBe(0)
    expect(result.refused).toHaveLength(1)
    expect(await readdir(outside)).toEqual([])
  })
})
