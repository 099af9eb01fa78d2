import { mkdir, open, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { seededBytes, treeDigest } from '../helpers/tree'

/** Names that break naive tools: CJK, emoji, both Unicode forms of one name, spaces, newlines, 255 bytes. */
async function trickyTree(root: string): Promise<void> {
  await mkdir(join(root, '财务', '2026 年报'), { recursive: true })
  await writeFile(join(root, '财务', '2026 年报', '利润表.xlsx'), seededBytes(1, 70_000))
  await writeFile(join(root, '😀 emoji 🚀.txt'), 'emoji\n')
  await writeFile(join(root, 'caf\u00e9.txt'), 'NFC form')
  await writeFile(join(root, 'cafe\u0301.txt'), 'NFD form, a different file on Linux')
  await writeFile(join(root, 'line\nbreak name'), 'newline in the name')
  await writeFile(join(root, ' leading and trailing spaces '), 'spaces')
  await writeFile(join(root, `${'n'.repeat(251)}.txt`), 'a 255-byte name')
  await writeFile(join(root, `${'长'.repeat(85)}`), 'a 255-byte CJK name (85 × 3 bytes)')
  let deep = root
  for (let i = 0; i < 40; i += 1) deep = join(deep, `level${String(i).padStart(2, '0')}`)
  await mkdir(deep, { recursive: true })
  await writeFile(join(deep, 'deep.txt'), 'deep')
  await writeFile(join(root, 'empty-file'), '')
  await mkdir(join(root, 'empty dir', 'nested empty'), { recursive: true })
  await writeFile(join(root, 'logs.txt'), seededBytes(2, 3_000_000, true))
  await writeFile(join(root, 'random.bin'), seededBytes(3, 9 * 1024 * 1024 + 123))
  await writeFile(join(root, 'photo.jpg'), seededBytes(4, 2_000_000))
  await utimes(join(root, 'logs.txt'), new Date('2001-02-03T04:05:06.789Z'), new Date('2001-02-03T04:05:06.789Z'))
}

describe('copy → verify → restore round trip', () => {
  it('restores a tricky tree byte-exact with mtimes, empty files and empty folders', async () => {
    const source = await tempDir('lcube-src-')
    await trickyTree(source)
    const sparse = await open(join(source, 'sparse.img'), 'w')
    await sparse.truncate(2.5 * 1024 ** 3)
    await sparse.write(Buffer.from('the end'), 0, 7, 2.5 * 1024 ** 3 - 7)
    await sparse.close()
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    const copied = await lcube(['copy', source, '--to', cube, '--job', 'tricky', '--password-file', pw, '--json'], env)
    expect(copied.stderr).toBe('')
    expect(copied.code).toBe(0)
    const summary = JSON.parse(copied.stdout.trim().split('\n').pop()!)
    expect(summary).toMatchObject({ event: 'summary', status: 'complete', files: 14, changed: 0, errors: 0, skippedByReason: {} })
    // compression paid on the logs and the sparse zeros, not on random data
    expect(summary.bytesOnCube).toBeLessThan(summary.bytesIn / 10)

    const verified = await lcube(['verify', cube, '--password-file', pw, '--source', source], env)
    expect(verified.stdout).toContain('Result: clean')
    expect(verified.code).toBe(0)

    const target = await tempDir('lcube-restore-')
    const restored = await lcube(['restore', cube, '--to', target, '--password-file', pw, '--json'], env)
    expect(restored.code).toBe(0)
    expect(JSON.parse(restored.stdout)).toMatchObject({ files: 14, refused: [], corrupt: [] })
    const [before, after] = [await treeDigest(source), await treeDigest(target)]
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [path, entry] of before) expect({ path, ...after.get(path) }).toEqual({ path, ...entry })

    const again = await lcube(['restore', cube, '--to', target, '--password-file', pw, '--json'], env)
    expect(JSON.parse(again.stdout)).toMatchObject({ files: 0, alreadyPresent: 14 })
  })

  it('50,000 small files: batched into few records, all restored exactly', async () => {
    const source = await tempDir('lcube-src-')
    for (let d = 0; d < 50; d += 1) {
      const dir = join(source, `dir${d}`)
      await mkdir(dir)
      await Promise.all(Array.from({ length: 1000 }, (_, f) => writeFile(join(dir, `f${f}.txt`), `file ${d}/${f} ${'x'.repeat((d * 1000 + f) % 300)}`)))
    }
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    const copied = await lcube(['copy', source, '--to', cube, '--password-file', pw, '--json'], env)
    expect(copied.code).toBe(0)
    expect(JSON.parse(copied.stdout.trim().split('\n').pop()!)).toMatchObject({ files: 50_000, dirs: 50 })
    const target = await tempDir('lcube-restore-')
    const restored = await lcube(['restore', cube, '--to', target, '--password-file', pw, '--json'], env)
    expect(JSON.parse(restored.stdout)).toMatchObject({ files: 50_000, dirs: 50 })
    const [before, after] = [await treeDigest(source), await treeDigest(target)]
    expect(after).toEqual(before)
  }, 300_000)
})
