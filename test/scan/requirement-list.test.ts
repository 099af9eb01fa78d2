import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../src-main/engine/report/pdf'
import { lcube, lcubeProcess } from '../helpers/cli'
import { tempDir } from '../helpers/temp'
import { findTruth, ruleTree, type Expected } from './rule-tree'
import { unreadableTree } from '../fixtures/unreadable-tree'

const schema = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'docs', 'schemas', 'scan-report.v1.schema.json'), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats(ajv)
const validate = ajv.compile(schema)

type Report = {
  totals: Record<string, number | string | boolean | null>
  violations: Array<{ path: string; rule: string; migrated: boolean; detail: string }>
  skipped: Array<{ path: string; reason: string }>
  violationsTotal: number
  skippedTotal: number
  categories: Array<{ name: string; files: number; bytes: number }>
  largestFiles: Array<{ path: string; bytes: number }>
  plan: { migrate: { files: number; bytes: number }; notMigrated: { files: number; bytes: number }; mapping: Array<{ keyPrefix: string }>; bucket: string | null; region: string | null; recommended: { model: string } }
}

const pairs = (list: ReadonlyArray<{ path: string; rule: string }>) => list.map((v) => `${v.rule} ${v.path}`).sort()

function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true)
  return parse(text, { bom: true, relax_column_count: true }) as string[][]
}

describe('lcube scan: the requirement list', () => {
  let source: string
  let out: string
  let expected: Expected
  let report: Report
  let code: number
  let truth: Awaited<ReturnType<typeof findTruth>>

  beforeAll(async () => {
    source = await tempDir('lcube-scan-', 'file')
    out = await tempDir('lcube-scan-out-', 'file')
    const tree = await ruleTree(source)
    expected = tree.expected
    const exports = ['report.json', 'report.csv', 'report.html', ...(findChromium() ? ['report.pdf'] : [])].flatMap((f) => ['--out', join(out, f)])
    const run = await lcube(['scan', source, '--json', '--bucket', 'my-bucket', '--region', 'oss-cn-hangzhou', '--prefix', 'archive/2026', '--probe-seconds', '1', ...exports])
    truth = await findTruth(source) // before the socket server closes (closing removes its socket file)
    tree.server.close()
    code = run.code
    expect(run.stderr).toBe('')
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines.filter((l) => l.event === 'progress').length).toBeGreaterThan(0)
    const last = lines.pop()
    expect(last.event).toBe('report')
    report = last.report
  }, 120_000)

  it('totals equal the ground truth from find(1)', () => {
    expect(report.totals).toMatchObject({ files: truth.files, bytes: truth.bytes, dirs: truth.dirs, emptyDirs: truth.emptyDirs, symlinks: truth.symlinks, specialFiles: truth.specials })
    expect(truth.emptyDirs).toBe(4) // empty-one, nested/empty-two, sgid-dir, sticky-dir
  })

  it('reports every violation, and nothing else', () => {
    expect(pairs(report.violations)).toEqual(pairs(expected))
    expect(report.violationsTotal).toBe(expected.length)
    expect(report.skipped).toEqual([])
    const hard = report.violations.find((v) => v.rule === 'hard-link')!
    expect(hard.detail).toContain('docs/notes.txt')
    expect(report.totals.hardLinkExtraBytes).toBe(1234)
    expect(report.totals.hardLinkedFiles).toBe(2)
    expect(code).toBe(1)
  })

  it('separates what will and will not be migrated', () => {
    // not migrated: the invalid name, the long folder's file and the too-deep file; the symlink adds a file count only
    expect(report.plan.notMigrated).toEqual({ files: 4, bytes: 'bad name'.length + 'in'.length + 'deep'.length })
    expect(report.plan.migrate.files + report.plan.notMigrated.files).toBe(truth.files + truth.symlinks)
    expect(report.plan.migrate.bytes + report.plan.notMigrated.bytes).toBe(truth.bytes)
    expect(report.plan).toMatchObject({ bucket: 'my-bucket', region: 'cn-hangzhou', mapping: [{ keyPrefix: 'archive/2026/' }], recommended: { model: 'mini' } })
  })

  it('counts categories and finds the largest files', () => {
    const byName = Object.fromEntries(report.categories.map((c) => [c.name, c.files]))
    // documents: report.pdf, budget.xlsx and five .txt (notes, its hard link, the bad name, the long folder's, the deep one); other: blob, .hidden, modes/tool
    expect(byName).toMatchObject({ other: 3, documents: 7, images: 1, video: 1, audio: 1, archives: 1, databases: 1, logs: 2, code: 1 })
    expect(report.largestFiles.slice(0, 3)).toEqual([
      { path: 'video/clip.mp4', bytes: 300_000 },
      { path: 'images/photo.jpg', bytes: 70_000 },
      { path: 'db/data.sqlite', bytes: 65_536 },
    ])
  })

  it('JSON export validates against the published schema and equals the --json report', async () => {
    const exported = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'))
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true)
    expect(validate(report)).toBe(true)
    expect({ ...exported, createdAt: 0, durationMs: 0, plan: { ...exported.plan, readProbe: 0, estimatedCopySeconds: 0 } }).toEqual({ ...report, createdAt: 0, durationMs: 0, plan: { ...report.plan, readProbe: 0, estimatedCopySeconds: 0 } })
  })

  it('CSV export reads back: summary, every violation, skipped (UTF-8 with BOM)', async () => {
    const summary = csvRows(await readFile(join(out, 'report.csv'), 'utf8'))
    const value = (item: string) => summary.find((r) => r[0] === 'totals' && r[1] === item)?.[2]
    expect(Number(value('files'))).toBe(report.totals.files)
    expect(Number(value('bytes'))).toBe(report.totals.bytes)
    expect(Number(value('emptyDirs'))).toBe(report.totals.emptyDirs)
    const violations = csvRows(await readFile(join(out, 'report-violations.csv'), 'utf8')).slice(1)
    expect(pairs(violations.map((r) => ({ path: r[0]!, rule: r[1]! })))).toEqual(pairs(expected))
    expect(csvRows(await readFile(join(out, 'report-skipped.csv'), 'utf8'))).toHaveLength(1)
  })

  it('HTML export is self-contained and carries the totals and findings in both languages', async () => {
    const html = await readFile(join(out, 'report.html'), 'utf8')
    expect(html).toContain('需求清单')
    expect(html).toContain('Requirement list')
    expect(html).toContain(`<b>${(report.totals.files as number).toLocaleString('en-US')}</b>`)
    for (const v of expected.filter((e) => !e.path.includes('bad-'))) expect(html).toContain(v.path)
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//)
    expect(html).toContain('<svg')
  })

  it('PDF export is printed by Chromium', async (ctx) => {
    if (!findChromium()) {
      if (process.env.CI) throw new Error('CI must have Chromium for the PDF export')
      ctx.skip()
      return
    }
    const pdf = await readFile(join(out, 'report.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
  })
})

describe('lcube scan: options and edge cases', () => {
  it('--transfer-symlinks makes links part of the plan, not findings', async () => {
    const source = await tempDir()
    await writeFile(join(source, 'a.txt'), 'a')
    const { symlink } = await import('node:fs/promises')
    await symlink('a.txt', join(source, 'link'))
    const run = await lcube(['scan', source, '--json', '--transfer-symlinks', '--probe-seconds', '0'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!).report as Report
    expect(report.violations).toEqual([])
    expect(report.plan.migrate).toEqual({ files: 2, bytes: 1 })
  })

  it('checks the final OSS key with the prefix', async () => {
    const source = await tempDir()
    await mkdir(join(source, 'sub'))
    await writeFile(join(source, 'sub', 'short.txt'), 'x')
    await writeFile(join(source, 'sub', 'a-longer-name.txt'), 'y')
    const prefix = 'p'.repeat(1000)
    const run = await lcube(['scan', source, '--json', '--prefix', prefix, '--probe-seconds', '0'])
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!).report as Report
    // key = 1001 (prefix + '/') + "sub/short.txt" (13) = 1014 fits; + "sub/a-longer-name.txt" (21) = 1022 fits too
    expect(report.violations).toEqual([])
    const tight = await lcube(['scan', source, '--json', '--prefix', `${prefix}xx`, '--probe-seconds', '0'])
    const tightReport = JSON.parse(tight.stdout.trim().split('\n').pop()!).report as Report
    expect(pairs(tightReport.violations)).toEqual(['oss-key-length sub/a-longer-name.txt'])
    expect(tightReport.violations[0]!.detail).toBe('OSS key would be 1024 bytes (limit 1023)')
    expect(tight.code).toBe(1)
  })

  it('refuses bad input with clear errors: prefix with a leading slash, bad bucket, missing source, unknown export', async () => {
    const source = await tempDir()
    const cases: Array<[string[], RegExp]> = [
      [['--prefix', '/abs'], /starts with "\/"/],
      [['--bucket', 'Bad_Bucket'], /not a valid OSS bucket name/],
      [['--region', 'hangzhou'], /not a region id/],
      [['--out', join(source, 'x.docx')], /must end in \.json, \.csv, \.html or \.pdf/],
    ]
    for (const [args, message] of cases) {
      const run = await lcube(['scan', source, ...args])
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
    }
    const missing = await lcube(['scan', join(source, 'nope')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot be read: ENOENT/)
  })

  it('lists unreadable folders and files and goes on (run as an unprivileged user)', async (ctx) => {
    if (process.platform === 'win32' || process.getuid?.() !== 0) {
      ctx.skip()
      return
    }
    const source = await unreadableTree()
    const run = await lcubeProcess(['scan', source, '--json', '--probe-seconds', '0', '--lang', 'en'], {}, { uid: 65534, gid: 65534 })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!).report as Report
    expect(report.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['locked', 'directory cannot be read: EACCES'],
      ['secret.txt', 'file cannot be read: EACCES'],
    ])
    expect(report.totals).toMatchObject({ files: 2, bytes: 10, dirs: 1 })
    expect(report.plan.migrate).toEqual({ files: 1, bytes: 4 })
  })
})
