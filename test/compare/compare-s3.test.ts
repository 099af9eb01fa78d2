import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp'
import { checksums, compare, outcome } from './compare-helpers'
import { startOssProxy, startS3, type LocalS3 } from './s3-server'

const BUCKET = 'migration'
const CREDENTIALS = { LCUBE_S3_ACCESS_KEY_ID: 'S3RVER', LCUBE_S3_SECRET_ACCESS_KEY: 'S3RVER' }
const FILES: Record<string, Buffer> = {
  'same.txt': Buffer.from('same on both sides'),
  'edited.txt': Buffer.from('version A'),
  'gone.txt': Buffer.from('never uploaded'),
  'zero.bin': Buffer.alloc(0),
  'a b/plus+sign & amp.txt': Buffer.from('awkward key'),
  'Cafe\u0301/menu.txt': Buffer.from('croissant'),
  'big.bin': Buffer.alloc(200_000, 3),
}

describe('lcube compare against a real S3-compatible server (s3rver on loopback)', () => {
  let s3: LocalS3
  let source: string

  beforeAll(async () => {
    s3 = await startS3(BUCKET)
    source = await tempDir('lcube-s3-src-', 'file')
    for (const [rel, data] of Object.entries(FILES)) {
      await mkdir(join(source, rel, '..'), { recursive: true })
      await writeFile(join(source, rel), data)
    }
    for (const [rel, data] of Object.entries(FILES)) {
      if (rel === 'gone.txt') continue
      const key = `archive/2026/${rel.normalize('NFC')}` // OSS got NFC keys; the source has an NFD folder name
      await s3.put(key, rel === 'edited.txt' ? Buffer.from('version B') : data)
    }
    await s3.put('archive/2026/extra.txt', 'only in the bucket')
    await s3.put('archive/2026/folder/', '') // a folder marker: not an object to compare
    await s3.put('elsewhere/outside.txt', 'not under the prefix')
    for (let i = 0; i < 1001; i += 1) await s3.put(`many/${String(i).padStart(4, '0')}.txt`, `object ${i}`)
  }, 120_000)

  afterAll(async () => {
    await s3?.close()
  })

  it('ListObjectsV2 + ETag MD5: every category, keys that need encoding, NFC against NFD', async () => {
    const { run, report } = await compare([source, '--against', `s3://${BUCKET}/archive/2026`, '--endpoint', s3.endpoint], CREDENTIALS)
    expect(run.code).toBe(1)
    expect(outcome(report)).toEqual([
      'differ edited.txt',
      'extraInTarget extra.txt',
      'match Cafe\u0301/menu.txt',
      'match a b/plus+sign & amp.txt',
      'match big.bin',
      'match same.txt',
      'match zero.bin',
      'missingInTarget gone.txt',
    ].sort())
    expect(report.entries.match.every((r) => r.matchedBy === 'md5')).toBe(true)
    expect(report.entries.differ[0]!.detail).toBe('content differs (MD5)')
    expect(report.summary.targetObjects).toBe(7)
  })

  it('full mode reads every object back with GET and compares bytes', async () => {
    const { report } = await compare([source, '--against', `s3://${BUCKET}/archive/2026/`, '--endpoint', s3.endpoint, '--mode', 'full'], CREDENTIALS)
    expect(report.summary.matchedBy.bytes).toBe(5)
    expect(report.entries.differ[0]).toMatchObject({ path: 'edited.txt', detail: 'content differs from byte 8' })
  })

  it('pages through more than 1,000 objects', async () => {
    const few = await tempDir()
    await writeFile(join(few, '0007.txt'), 'object 7')
    const { report } = await compare([few, '--against', `s3://${BUCKET}/many`, '--endpoint', s3.endpoint], CREDENTIALS)
    expect(report.summary).toMatchObject({ match: 1, extraInTarget: 1000, targetObjects: 1001 })
  })

  it('multipart objects as OSS reports them: HEAD for x-oss-hash-crc64ecma, compared by size and CRC-64', async () => {
    const big = await checksums(FILES['big.bin']!)
    const same = await checksums(FILES['same.txt']!)
    const proxy = await startOssProxy(s3.endpoint, BUCKET, {
      'archive/2026/big.bin': { etag: '0123456789ABCDEF0123456789ABCDEF-2', crc64Decimal: big.crc64Decimal, objectType: 'Multipart' },
      'archive/2026/same.txt': { etag: 'FEDCBA9876543210FEDCBA9876543210-1', crc64Decimal: (BigInt(`0x${same.crc64}`) ^ 1n).toString(), objectType: 'Multipart' },
    })
    try {
      const { report } = await compare([source, '--against', `s3://${BUCKET}/archive/2026`, '--endpoint', proxy.endpoint], CREDENTIALS)
      expect(report.entries.match.find((r) => r.path === 'big.bin')).toMatchObject({ matchedBy: 'crc64' })
      expect(report.entries.differ.map((r) => [r.path, r.detail])).toEqual([['edited.txt', 'content differs (MD5)'], ['same.txt', 'content differs (CRC-64)']])
      expect(report.notes.map((n) => n.en)).toEqual(expect.arrayContaining(['2 objects were uploaded in parts (their ETag is not an MD5): checked by size and CRC-64', '2 objects asked with HEAD for their CRC-64 (ETag not an MD5)']))
    } finally {
      await proxy.close()
    }
  })

  it('an unreachable endpoint and a missing bucket are clear errors', async () => {
    const { lcube } = await import('../helpers/cli')
    const down = await lcube(['compare', source, '--against', `s3://${BUCKET}/x`, '--endpoint', 'http://127.0.0.1:9'], CREDENTIALS)
    expect(down.code).toBe(2)
    expect(down.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9/)
    const missing = await lcube(['compare', source, '--against', 's3://no-such-bucket/x', '--endpoint', s3.endpoint], CREDENTIALS)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/not found \(NoSuchBucket\)/)
  })
})
