import { describe, expect, it } from 'vitest'
import { buildPlan, DEFAULT_CABINET_BYTES, PER_FILE_OVERHEAD_BYTES } from './cube-plan'
import { lengthRule } from './cube-rules'
import { categoryOf, extensionOf } from './file-category'
import { SizeWeightedSample } from './sample-probe'
import { SizeStats } from './size-stats'
import { TopList } from './top-list'
import { normalizeKeyPrefix, objectKey } from '../oss-key'

describe('size statistics', () => {
  it('exact median and histogram buckets', () => {
    const stats = new SizeStats()
    for (const size of [0, 1, 1023, 1024, 4096, 5000, 1 << 30]) stats.add(size)
    expect(stats.median()).toEqual({ value: 1024, exact: true })
    const buckets = stats.histogram()
    expect(buckets.map((b) => b.files).reduce((a, b) => a + b)).toBe(7)
    expect(buckets.find((b) => b.label === '0 B')!.files).toBe(1)
    expect(buckets.find((b) => b.label === '< 1 KiB')).toMatchObject({ files: 2, bytes: 1024 })
    expect(buckets.find((b) => b.label === '1 KiB – 4 KiB')).toMatchObject({ files: 1, bytes: 1024 })
    expect(buckets.find((b) => b.label === '4 KiB – 16 KiB')).toMatchObject({ files: 2, bytes: 9096 })
    expect(buckets.find((b) => b.label === '1 GiB – 4 GiB')).toMatchObject({ files: 1, bytes: 1 << 30 })
  })

  it('past a million sizes the median is estimated within 3 %', () => {
    const stats = new SizeStats()
    for (let i = 1; i <= 1_200_001; i += 1) stats.add(i * 10)
    const median = stats.median()
    expect(median.exact).toBe(false)
    expect(Math.abs(median.value - 6_000_010) / 6_000_010).toBeLessThan(0.03)
  })
})

describe('top list', () => {
  it('keeps the k largest, first seen wins ties', () => {
    const top = new TopList<string>(3)
    for (const [score, name] of [[5, 'a'], [9, 'b'], [5, 'c'], [1, 'd'], [9, 'e'], [7, 'f']] as const) top.offer(score, () => name)
    expect(top.sorted()).toEqual(['b', 'e', 'f'])
  })
})

describe('file categories', () => {
  it('by extension, case-insensitive, rotated logs as logs', () => {
    expect([extensionOf('A.PDF'), extensionOf('.bashrc'), extensionOf('noext'), extensionOf('x.'), extensionOf('a.0123456789abcdef')]).toEqual(['pdf', '', '', '', ''])
    expect(['Q3.XLSX', 'IMG_1.HEIC', 'a.mkv', 'b.flac', 'c.7z', 'd.ibd', 'syslog.log.12', 'e.py', 'f.bin'].map(categoryOf)).toEqual(['documents', 'images', 'video', 'audio', 'archives', 'databases', 'logs', 'code', 'other'])
  })
})

describe('length rules', () => {
  it('names each rule, in UTF-8 bytes', () => {
    expect(lengthRule(`${'文'.repeat(86)}`, false)?.rule).toBe('file-name-length') // 258 bytes
    expect(lengthRule(`${'文'.repeat(85)}`, false)).toBeUndefined() // 255 bytes
    expect(lengthRule(`${'d'.repeat(201)}/x`, false)?.rule).toBe('dir-name-length')
    expect(lengthRule(`${'d'.repeat(201)}`, true)?.rule).toBe('dir-name-length')
    expect(lengthRule(Array(6).fill('x'.repeat(170)).join('/'), false)?.rule).toBe('path-length') // 1025
    expect(lengthRule(Array(6).fill('x'.repeat(170)).join('/').slice(1), false)).toBeUndefined() // 1024
  })
})

describe('OSS keys', () => {
  it('prefix normalisation and key building', () => {
    expect(normalizeKeyPrefix(undefined)).toBe('')
    expect(normalizeKeyPrefix('backup')).toBe('backup/')
    expect(normalizeKeyPrefix('backup/2026/')).toBe('backup/2026/')
    expect(() => normalizeKeyPrefix('\\x')).toThrow(/starts with/)
    expect(() => normalizeKeyPrefix('a//b')).toThrow(/empty folder name/)
    expect(objectKey('backup/', '', 'a/b.txt')).toBe('backup/a/b.txt')
    expect(objectKey('', 'projects', 'a/b.txt')).toBe('projects/a/b.txt')
  })
})

describe('cube plan', () => {
  const probe = { sampledFiles: 10, sampledBytes: 10 << 20, ratio: 0.5, readBytes: 200e6, readSeconds: 1, pipelineBytesPerSecondPerCore: 100e6 }
  const input = { region: null, bucket: null, prefix: '', mapping: [], notMigrated: { files: 0, bytes: 0 }, dirs: 0, probe, cores: 2, cabinetBytes: DEFAULT_CABINET_BYTES }

  it('sizes the cube from the sampled ratio and picks the smallest model that holds it', () => {
    const plan = buildPlan({ ...input, migrate: { files: 1000, bytes: 40e12 } })
    expect(plan.estimatedCubeBytes).toBe(20e12 + 1000 * PER_FILE_OVERHEAD_BYTES)
    expect(plan.recommended).toEqual({ model: 'mini', devices: 1, expansionCabinets: 0 })
    // 40 TB at min(200 MB/s read, 2 cores × 100 MB/s): 200,000 s, plus 1,000 files at 5,000/s (rounded away)
    expect(plan.estimatedCopySeconds).toBe(200_000)
  })

  it('beyond one III: several IIIs, or one III with expansion cabinets', () => {
    const plan = buildPlan({ ...input, migrate: { files: 0, bytes: 2000e12 } }) // 1,000 TB on the cube
    const iii = plan.cubes.filter((c) => c.model === 'iii')
    expect(iii).toEqual([
      expect.objectContaining({ devices: 3, expansionCabinets: 0 }),
      expect.objectContaining({ devices: 1, expansionCabinets: 2 }),
    ])
    expect(plan.recommended).toEqual({ model: 'iii', devices: 3, expansionCabinets: 0 })
    expect(plan.cubes.find((c) => c.model === 'mini')!.devices).toBe(Math.ceil(1000e12 / 32.4e12))
  })
})

describe('size-weighted sample', () => {
  it('is reproducible and favours large files', () => {
    const pick = () => {
      const sample = new SizeWeightedSample(5)
      for (let i = 0; i < 1000; i += 1) sample.offer(`f${i}`, i < 990 ? 1 : 1_000_000)
      return sample.files().map((f) => f.abs)
    }
    const first = pick()
    expect(pick()).toEqual(first)
    expect(first.filter((name) => Number(name.slice(1)) >= 990).length).toBe(5)
  })
})
