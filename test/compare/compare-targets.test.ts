import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { findChromium } from '../../src-main/engine/report/pdf'
import { lcube, lcubeProcess } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { checksums, compare, outcome, validateCompareReport } from './compare-helpers'

const NFD = 'Cafe\u0301' // "Café" as macOS writes it
const NFC = 'Caf\u00e9'

/** A source tree; tests derive targets from it and then break them on purpose. */
async function sourceTree(): Promise<string> {
  const source = await tempDir('lcube-cmp-src-')
  await mkdir(join(source, 'docs'))
  await mkdir(join(source, NFD))
  await writeFile(join(source, 'docs', 'same.txt'), 'identical content')
  await writeFile(join(source, 'docs', 'edited.txt'), 'version A')
  await writeFile(join(source, 'docs', 'grown.txt'), 'short')
  await writeFile(join(source, 'docs', 'gone.txt'), 'only in the source')
  await writeFile(join(source, 'empty.bin'), '')
  await writeFile(join(source, NFD, 'menu.txt'), 'croissant')
  return source
}

describe('lcube compare against a directory', () => {
  it('produces every category on purpose, and the verdict is no', async () => {
    const source = await sourceTree()
    const target = await tempDir('lcube-cmp-dst-')
    await mkdir(join(target, 'docs'))
    await mkdir(join(target, NFC)) // the restore kept NFC names: must still match
    await writeFile(join(target, 'docs', 'same.txt'), 'identical content')
    await writeFile(join(target, 'docs', 'edited.txt'), 'version B') // same size, other bytes
    await writeFile(join(target, 'docs', 'grown.txt'), 'much longer')
    await writeFile(join(target, 'docs', 'new.txt'), 'only in the target')
    await writeFile(join(target, 'empty.bin'), '')
    await writeFile(join(target, NFC, 'menu.txt'), 'croissant')
    const out = await tempDir('lcube-cmp-out-')
    const pdf = findChromium() ? ['--report', join(out, 'r.pdf')] : []
    if (!pdf.length && process.env.CI) throw new Error('CI must have Chromium for the PDF report')
    const { run, report } = await compare([source, '--against', target, '--report', join(out, 'r.csv'), '--report', join(out, 'r.html'), '--report', join(out, 'r.json'), ...pdf])
    expect(run.code).toBe(1)
    expect(outcome(report)).toEqual([
      'differ docs/edited.txt',
      'differ docs/grown.txt',
      'extraInTarget docs/new.txt',
      `match ${NFD}/menu.txt`,
      'match docs/same.txt',
      'match empty.bin',
      'missingInTarget docs/gone.txt',
    ].sort())
    expect(report.summary).toMatchObject({ match: 3, differ: 2, missingInTarget: 1, extraInTarget: 1, error: 0, sourceFiles: 6, targetObjects: 6 })
    expect(report.summary.bytes).toEqual({ match: 17 + 0 + 9, differ: 9 + 5, missingInTarget: 18, extraInTarget: 18, error: 0 })
    expect(report.entries.differ.find((r) => r.path === 'docs/grown.txt')).toMatchObject({ sourceSize: 5, targetSize: 11, detail: 'size differs: source 5 bytes, target 11' })
    expect(report.entries.differ.find((r) => r.path === 'docs/edited.txt')!.detail).toBe('content differs (SHA-256, CRC-64)')
    expect(report.entries.match.every((r) => r.matchedBy === 'sha256')).toBe(true)
    expect(report.safeToDelete).toBe(false)
    // the exports carry the same outcome
    const json = JSON.parse(await readFile(join(out, 'r.json'), 'utf8'))
    expect(validateCompareReport(json)).toBe(true)
    expect(outcome(json)).toEqual(outcome(report))
    const differ = parse(await readFile(join(out, 'r-differ.csv'), 'utf8'), { bom: true }) as string[][]
    expect(differ.slice(1).map((r) => r[0]).sort()).toEqual(['docs/edited.txt', 'docs/grown.txt'])
    const html = await readFile(join(out, 'r.html'), 'utf8')
    expect(html).toContain('可以删除源数据：否')
    expect(html).toContain('Safe to delete source: NO')
    expect(html).toContain('docs/gone.txt')
    if (pdf.length) expect((await readFile(join(out, 'r.pdf'))).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('full mode compares bytes and names the first differing byte; a faithful copy is safe to delete', async () => {
    const source = await sourceTree()
    const target = await tempDir('lcube-cmp-dst-')
    await lcube(['compare', source, '--against', target]) // an empty target: everything missing, no crash
    for (const [rel, data] of [['docs/same.txt', 'identical content'], ['docs/edited.txt', 'version A'], ['docs/grown.txt', 'short'], ['docs/gone.txt', 'only in the source'], ['empty.bin', ''], [`${NFD}/menu.txt`, 'croissant']] as const) {
      await mkdir(join(target, rel, '..'), { recursive: true })
      await writeFile(join(target, rel), data)
    }
    const good = await compare([source, '--against', target, '--mode', 'full'])
    expect(good.run.code).toBe(0)
    expect(good.report.safeToDelete).toBe(true)
    expect(good.report.summary.matchedBy.bytes).toBe(6)
    expect(good.report.verdict[0]!.en).toBe('all 6 source files match the target by content')
    await writeFile(join(target, 'docs', 'edited.txt'), 'version Z')
    const bad = await compare([source, '--against', target, '--mode', 'full'])
    expect(bad.report.entries.differ).toEqual([expect.objectContaining({ path: 'docs/edited.txt', detail: 'content differs from byte 8' })])
    expect(bad.report.safeToDelete).toBe(false)
  })

  it('size mode never says safe to delete', async () => {
    const source = await sourceTree()
    const target = await tempDir('lcube-cmp-dst-')
    for (const [rel, data] of [['docs/same.txt', 'identical content'], ['docs/edited.txt', 'version B'], ['docs/grown.txt', 'short'], ['docs/gone.txt', 'only in the source'], ['empty.bin', ''], [`${NFD}/menu.txt`, 'croissant']] as const) {
      await mkdir(join(target, rel, '..'), { recursive: true })
      await writeFile(join(target, rel), data)
    }
    const { run, report } = await compare([source, '--against', target, '--mode', 'size'])
    expect(run.code).toBe(0) // every size matches...
    expect(report.summary.matchedBy.size).toBe(6)
    expect(report.safeToDelete).toBe(false) // ...but size proves nothing about content
    expect(report.verdict.map((v) => v.en)).toContain('6 files matched by size only: size does not prove content (use --mode hash or full)')
  })

  it('an unreadable source file is an error, never a match (run as an unprivileged user)', async (ctx) => {
    if (process.platform === 'win32' || process.getuid?.() !== 0) {
      ctx.skip()
      return
    }
    const source = await tempDir('lcube-cmp-src-')
    const target = await tempDir('lcube-cmp-dst-')
    for (const dir of [source, target]) {
      await chmod(dir, 0o755)
      await writeFile(join(dir, 'open.txt'), 'open')
      await writeFile(join(dir, 'secret.txt'), 'secret')
    }
    await chmod(join(source, 'secret.txt'), 0o600)
    for (const mode of ['size', 'hash']) {
      const run = await lcubeProcess(['compare', source, '--against', target, '--mode', mode, '--json', '--lang', 'en'], {}, { uid: 65534, gid: 65534 })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout.trim().split('\n').pop()!).report
      expect(report.entries.error).toEqual([expect.objectContaining({ path: 'secret.txt', detail: 'source file cannot be read: EACCES' })])
      expect(report.summary.match).toBe(1)
      expect(report.safeToDelete).toBe(false)
    }
  })

  it('refuses bad input clearly', async () => {
    const source = await sourceTree()
    const cases: Array<[string[], RegExp, number]> = [
      [[source], /--against/, 2],
      [[source, '--against', join(source, 'nope')], /cannot be read: ENOENT/, 2],
      [[source, '--against', source, '--mode', 'fast'], /--mode must be size, hash or full/, 2],
      [[source, '--against', source, '--report', 'x.txt'], /must end in/, 2],
      [[source, '--against', 's3://bucket/x'], /needs --endpoint/, 2],
    ]
    for (const [args, message, code] of cases) {
      const run = await lcube(['compare', ...args])
      expect(run.code, args.join(' ')).toBe(code)
      expect(run.stderr).toMatch(message)
    }
  })
})

describe('lcube compare against a cube', () => {
  it('hash mode reads the manifest; full mode decrypts; a changed source shows as differ; wrong password exits 3', async () => {
    const source = await sourceTree()
    await symlink('docs/same.txt', join(source, 'link')) // recorded by copy as skipped: neither extra nor missing
    const cube = await makeCube()
    const pw = await passwordFile()
    const env = await testEnv()
    const copied = await lcube(['copy', source, '--to', cube, '--job', 'j1', '--password-file', pw], env)
    expect(copied.code).toBe(0)
    const hash = await compare([source, '--against', `cube:${cube}`, '--password-file', pw], env)
    expect(hash.run.code).toBe(0)
    expect(hash.report.summary).toMatchObject({ match: 6, differ: 0, missingInTarget: 0, extraInTarget: 0, error: 0 })
    expect(hash.report.summary.matchedBy.sha256).toBe(6)
    expect(hash.report.safeToDelete).toBe(true)
    expect(hash.report.notes.map((n) => n.en)).toContain('1 symbolic links and 0 special files in the sources are not compared (not regular files; copy does not migrate them by default)')
    const full = await compare([source, '--against', `cube:${cube}#j1`, '--mode', 'full', '--password-file', pw], env)
    expect(full.report.summary.matchedBy.bytes).toBe(6)
    await writeFile(join(source, 'docs', 'edited.txt'), 'version Q')
    await rm(join(source, 'docs', 'gone.txt'))
    const after = await compare([source, '--against', `cube:${cube}`, '--password-file', pw], env)
    expect(outcome(after.report).filter((o) => !o.startsWith('match'))).toEqual(['differ docs/edited.txt', 'extraInTarget docs/gone.txt'])
    const wrong = await passwordFile('Wr0ng!Password#')
    const denied = await lcube(['compare', source, '--against', `cube:${cube}`, '--password-file', wrong], env)
    expect(denied.code).toBe(3)
  }, 120_000)
})

describe('lcube compare against listings and inventories', () => {
  async function flatSource(): Promise<{ source: string; files: Record<string, Buffer> }> {
    const source = await tempDir('lcube-cmp-src-')
    const files: Record<string, Buffer> = {
      'a b/plus+sign.txt': Buffer.from('plus'),
      '报表/一月.csv': Buffer.from('月,金额\n1,100\n'),
      'big.bin': Buffer.alloc(300_000, 7),
      'zero.txt': Buffer.alloc(0),
    }
    for (const [rel, data] of Object.entries(files)) {
      await mkdir(join(source, rel, '..'), { recursive: true })
      await writeFile(join(source, rel), data)
    }
    return { source, files }
  }

  it('a CSV listing with MD5, CRC-64 (decimal, as OSS gives it) and a multipart ETag', async () => {
    const { source, files } = await flatSource()
    const dir = await tempDir()
    const sums = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, v]) => [k, await checksums(v)] as const)))
    const lines = ['Key,Size,ETag,CRC64,MD5']
    lines.push(`"backup/a b/plus+sign.txt",4,"""${sums['a b/plus+sign.txt']!.md5.toUpperCase()}""",,`)
    lines.push(`backup/报表/一月.csv,${files['报表/一月.csv']!.length},,${sums['报表/一月.csv']!.crc64Decimal},${sums['报表/一月.csv']!.md5}`)
    lines.push(`backup/big.bin,300000,"""0123456789abcdef0123456789abcdef-3""",${sums['big.bin']!.crc64Decimal},`)
    lines.push(`backup/zero.txt,0,"""d41d8cd98f00b204e9800998ecf8427e""",0,`)
    lines.push('backup/folder/,0,,,')
    lines.push('other/outside-prefix.txt,5,,,')
    await writeFile(join(dir, 'listing.csv'), `\uFEFF${lines.join('\r\n')}\r\n`)
    const { run, report } = await compare([source, '--against', join(dir, 'listing.csv'), '--prefix', 'backup'])
    expect(run.stderr).toBe('')
    expect(outcome(report)).toEqual(['match a b/plus+sign.txt', 'match big.bin', 'match zero.txt', 'match 报表/一月.csv'])
    expect(Object.fromEntries(report.entries.match.map((r) => [r.path, r.matchedBy]))).toEqual({ 'a b/plus+sign.txt': 'md5', 'big.bin': 'crc64', 'zero.txt': 'md5+crc64', '报表/一月.csv': 'md5+crc64' })
    expect(report.notes.map((n) => n.en)).toContain('1 objects were uploaded in parts (their ETag is not an MD5): checked by size and CRC-64')
    expect(report.safeToDelete).toBe(true)
  })

  it('JSON lines and ossutil ls listings; a multipart object without CRC-64 cannot be checked', async () => {
    const { source, files } = await flatSource()
    const dir = await tempDir()
    const sums = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, v]) => [k, await checksums(v)] as const)))
    const jsonl = Object.entries(files).map(([k, v]) => JSON.stringify({ key: k, size: v.length, crc64: sums[k]!.crc64Decimal })).join('\n')
    await writeFile(join(dir, 'listing.jsonl.gz'), gzipSync(jsonl))
    const fromJsonl = await compare([source, '--against', join(dir, 'listing.jsonl.gz')])
    expect(fromJsonl.report.summary.matchedBy.crc64).toBe(4)
    expect(fromJsonl.report.safeToDelete).toBe(true)
    const ls = [
      'LastModifiedTime                   Size(B)  StorageClass   ETAG                                  ObjectName',
      ...Object.entries(files).map(([k, v]) => `2026-11-20 10:00:00 +0800 CST ${String(v.length).padStart(12)}     Standard   ${k === 'big.bin' ? '0123456789ABCDEF0123456789ABCDEF-3' : sums[k]!.md5.toUpperCase()}      oss://mig/${k}`),
      '',
      'Object Number is: 4',
    ]
    await writeFile(join(dir, 'ls.txt'), ls.join('\n'))
    const fromLs = await compare([source, '--against', join(dir, 'ls.txt')])
    expect(outcome(fromLs.report)).toEqual(['error big.bin', 'match a b/plus+sign.txt', 'match zero.txt', 'match 报表/一月.csv'])
    expect(fromLs.report.entries.error[0]!.detail).toBe('content cannot be checked: uploaded in parts (the ETag is not an MD5) and no CRC-64 is available')
    expect(fromLs.report.safeToDelete).toBe(false)
    await writeFile(join(dir, 'bad.csv'), 'file,length\nx,1\n')
    const bad = await lcube(['compare', source, '--against', join(dir, 'bad.csv')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/header must name key and size/)
  })

  it('an OSS inventory export: URL-encoded keys in CSV.gz, checked against the manifest MD5', async () => {
    const { source, files } = await flatSource()
    const dir = await tempDir()
    await mkdir(join(dir, 'data'))
    const sums = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, v]) => [k, await checksums(v)] as const)))
    const rows = Object.entries(files).map(([k, v]) => {
      const encoded = encodeURIComponent(`mig/${k}`).replaceAll('%20', '+').replaceAll('%2F', '/')
      const multipart = k === 'big.bin'
      const etag = multipart ? '0123456789ABCDEF0123456789ABCDEF-2' : sums[k]!.md5.toUpperCase()
      return `"dest","${encoded}","${v.length}","2026-11-20T02:00:00Z","${etag}","Standard","${multipart}"`
    })
    rows.push('"dest","mig/extra%E6%96%87%E4%BB%B6.txt","3","2026-11-20T02:00:00Z","ACBD18DB4CC2F85CEDEF654FCCC4A4D8","Standard","false"')
    const data = gzipSync(rows.join('\n'))
    await writeFile(join(dir, 'data', 'part-0.csv.gz'), data)
    const manifest = {
      sourceBucket: 'dest',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded',
      files: [{ key: 'inventory/dest/inv1/data/part-0.csv.gz', size: data.length, MD5checksum: createHash('md5').update(data).digest('hex') }],
    }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
    const { report } = await compare([source, '--against', join(dir, 'manifest.json'), '--prefix', 'mig/'])
    expect(outcome(report)).toEqual(['error big.bin', 'extraInTarget extra文件.txt', 'match a b/plus+sign.txt', 'match zero.txt', 'match 报表/一月.csv'])
    await writeFile(join(dir, 'data', 'part-0.csv.gz'), gzipSync(rows.slice(1).join('\n')))
    const tampered = await lcube(['compare', source, '--against', join(dir, 'manifest.json'), '--prefix', 'mig/'])
    expect(tampered.code).toBe(4)
    expect(tampered.stderr).toMatch(/does not match the manifest's MD5/)
  })
})
