// Sources that change under the copy: nothing read from outside the source root, nothing recorded as good
// that was not one consistent version of a file, every fault reported.
import { spawn } from 'node:child_process'
import { chmod, chown, mkdir, readFile, rename, rm, symlink, truncate, appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSource } from '../../src-main/engine/copy/read-source'
import { walkSource, type WalkItem } from '../../src-main/engine/scan/walk'
import { LCUBE_BIN, lcube, lcubeProcess } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir, waitFor } from '../helpers/temp'
import { seededBytes, treeDigest } from '../helpers/tree'
import { readJournal } from '../../src-main/engine/format/journal'
import { reportCounts } from './counts'
import { unreadableTree } from '../fixtures/unreadable-tree'

describe('source faults', () => {
  it('a folder swapped for a link to outside the source, mid-walk, is not followed', async () => {
    const root = await tempDir('lcube-swap-')
    const source = join(root, 'source')
    const outside = join(root, 'outside')
    await mkdir(join(source, 'a'), { recursive: true })
    await mkdir(outside)
    for (let i = 0; i < 400; i += 1) {
      await writeFile(join(source, 'a', `f${String(i).padStart(4, '0')}.txt`), 'inside')
      await writeFile(join(outside, `f${String(i).padStart(4, '0')}.txt`), 'OUTSIDE SECRET')
    }
    await writeFile(join(source, 'z.txt'), 'after')
    const seen: WalkItem[] = []
    let swapped = false
    for await (const item of walkSource(source, { transferSymlinks: false })) {
      seen.push(item)
      // pull-based: between two entries of a/, the folder becomes a link to outside
      if (!swapped && item.kind === 'file' && item.rel === 'a/f0010.txt') {
        await rename(join(source, 'a'), join(root, 'a-moved'))
        await symlink(outside, join(source, 'a'))
        swapped = true
      }
    }
    const files = seen.filter((i) => i.kind === 'file')
    for (const f of files) expect(f.abs.startsWith(outside)).toBe(false)
    // nothing after the swap came from a/: the 11 listed before it, then z.txt
    expect(files.map((f) => f.rel)).toEqual([...Array.from({ length: 11 }, (_, i) => `a/f${String(i).padStart(4, '0')}.txt`), 'z.txt'])
    expect(seen.find((i) => i.kind === 'skip' && i.rel === 'a')).toMatchObject({ code: 'unreadable', reason: { en: expect.stringContaining('not followed') } })
    // and a file opened by the walked identity is refused when another file (or a link) now stands there
    const walkedA = files[0]!
    if (walkedA.kind !== 'file') throw new Error('unreachable')
    expect(openSource(walkedA.abs, { dev: walkedA.stat.dev, ino: walkedA.stat.ino })).toMatchObject({ status: 'changed' })
    await writeFile(join(root, 'plain.txt'), 'x')
    await symlink(join(root, 'plain.txt'), join(root, 'link.txt'))
    expect(openSource(join(root, 'link.txt'))).toMatchObject({ status: 'changed', reason: expect.stringContaining('symbolic link') })
    reportCounts('folder swapped for a link mid-walk', { faultsInjected: 1, entriesFromOutside: 0 })
  })

  it('files deleted, truncated, grown and replaced during the copy: each restored file is one whole version; a file not restored was reported', async () => {
    const source = await tempDir('lcube-src-')
    const originals = new Map<string, Buffer>()
    for (let i = 0; i < 6; i += 1) {
      const data = seededBytes(900 + i, 6 * 1024 * 1024 + i * 1000)
      originals.set(`big-${i}.bin`, data)
      await writeFile(join(source, `big-${i}.bin`), data)
    }
    for (let i = 0; i < 100; i += 1) await writeFile(join(source, `small-${i}.txt`), `small ${i}`)
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv({ LCUBE_CHECKPOINT: '2000000,100,200' })
    const jobDir = join(cube, 'jobs', 'faulty')
    const child = spawn(process.execPath, [LCUBE_BIN, 'copy', source, '--to', cube, '--job', 'faulty', '--password-file', pw, '--threads', '1', '--bwlimit', '4M', '--json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    // once a large file is being copied in parts, change all of them at once
    await waitFor(async () => ((await readJournal(join(jobDir, 'journal.lcj'))).records.some((r) => r.t === 'partial') ? true : undefined), 60_000, 'a large file in progress')
    await rm(join(source, 'big-0.bin'))
    await truncate(join(source, 'big-1.bin'), 1000)
    await appendFile(join(source, 'big-2.bin'), Buffer.alloc(5000, 1))
    await writeFile(join(source, 'big-3.new'), seededBytes(77, 3000))
    await rename(join(source, 'big-3.new'), join(source, 'big-3.bin'))
    const code = await exited
    expect(code).toBe(1)
    const summary = JSON.parse(stdout.trim().split('\n').pop()!)
    const reported = new Set<string>(summary.problems.map((p: { path: string }) => p.path))
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--job', 'faulty', '--to', target, '--password-file', pw], env)).code).toBe(0)
    const restored = await treeDigest(target)
    let mixed = 0
    for (const [name, original] of originals) {
      const now = await readFile(join(source, name)).catch(() => undefined)
      const back = await readFile(join(target, name)).catch(() => undefined)
      if (back === undefined) {
        expect(reported.has(name) || now === undefined).toBe(true)
        continue
      }
      // copied whole before it changed, or whole after: either is one true version; a mix never is
      const whole = back.equals(original) || (now !== undefined && back.equals(now))
      if (!whole) mixed += 1
    }
    expect(mixed).toBe(0)
    for (let i = 0; i < 100; i += 1) expect(restored.has(`small-${i}.txt`)).toBe(true)
    reportCounts('source files changed during copy', { faultsInjected: 4, reported: reported.size, mixedVersions: mixed, bytesLost: 0 })
  }, 180_000)

  it('run as a non-root user: unreadable files and folders are reported, everything else is copied exactly', async (ctx) => {
    // the test switches to uid 65534, which only root may do
    if (process.platform === 'win32' || process.getuid?.() !== 0) {
      ctx.skip()
      return
    }
    const source = await unreadableTree()
    const cube = await makeCube()
    const env = await testEnv()
    const pw = await passwordFile()
    for (const path of [join(cube, '..'), cube, env.LCUBE_CONFIG_DIR!, join(pw, '..'), pw]) await chown(path, 65534, 65534)
    await chmod(join(cube, '..'), 0o755)
    const run = await lcubeProcess(['copy', source, '--to', cube, '--job', 'nobody', '--password-file', pw, '--json', '--lang', 'en'], env, { uid: 65534, gid: 65534 })
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!)
    expect(summary.problems.map((p: { path: string; reason: string }) => p.path).sort()).toEqual(['locked', 'secret.txt'])
    expect(summary.files).toBe(1)
    const target = await tempDir('lcube-restore-')
    expect((await lcube(['restore', cube, '--job', 'nobody', '--to', target, '--password-file', pw], env)).code).toBe(0)
    expect(await readFile(join(target, 'open', 'fine.txt'), 'utf8')).toBe('fine')
    expect([...(await treeDigest(target)).keys()].sort()).toEqual(['open', 'open/fine.txt'])
    reportCounts('permission denied as a non-root user', { faultsInjected: 2, reported: 2, bytesLost: 0 })
  }, 60_000)
})
