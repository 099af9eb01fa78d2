import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HashPool } from '../../src-main/engine/compare/hash-pool'
import { etagMd5, normalizeCrc64 } from '../../src-main/engine/compare/target-entry'
import { crc64Reference } from '../helpers/crc64'
import { tempDir } from '../helpers/temp'

const pool = new HashPool(2)
afterAll(() => pool.close())

describe('hashing in worker threads for compare', () => {
  it('CRC-64 (as OSS x-oss-hash-crc64ecma), MD5 and SHA-256 of "123456789", the empty file and multi-MiB files', async () => {
    const dir = await tempDir()
    const inputs: Array<[string, Buffer]> = [
      ['check', Buffer.from('123456789')],
      ['empty', Buffer.alloc(0)],
      ['one-mib-plus', randomBytes(1024 * 1024 + 3)],
      ['three-mib', randomBytes(3 * 1024 * 1024)],
    ]
    for (const [name, data] of inputs) await writeFile(join(dir, name), data)
    const results = await Promise.all(inputs.map(([name]) => pool.hash(join(dir, name), ['crc64', 'md5', 'sha256'])))
    results.forEach((result, i) => {
      const data = inputs[i]![1]
      expect(result).toMatchObject({
        ok: true,
        size: data.length,
        digests: {
          crc64: crc64Reference(data).toString(16).padStart(16, '0'),
          md5: createHash('md5').update(data).digest('hex'),
          sha256: createHash('sha256').update(data).digest('hex'),
        },
      })
    })
    expect(results[0]).toMatchObject({ digests: { crc64: '995dc9bbdf1939fa' } })
    expect(results[1]).toMatchObject({ digests: { crc64: '0000000000000000' } })
  }, 120_000)

  it('byte comparison names the first differing byte; an unreadable side is named', async () => {
    const dir = await tempDir()
    const a = randomBytes(2 * 1024 * 1024 + 5)
    const b = Buffer.from(a)
    b[1024 * 1024 + 17]! ^= 0x40
    await writeFile(join(dir, 'a'), a)
    await writeFile(join(dir, 'b'), b)
    await writeFile(join(dir, 'short'), a.subarray(0, 100))
    expect(await pool.same(join(dir, 'a'), join(dir, 'a'))).toMatchObject({ ok: true, same: true, firstDifference: null })
    expect(await pool.same(join(dir, 'a'), join(dir, 'b'))).toMatchObject({ ok: true, same: false, firstDifference: 1024 * 1024 + 17 })
    expect(await pool.same(join(dir, 'a'), join(dir, 'short'))).toMatchObject({ ok: true, same: false, firstDifference: 100 })
    expect(await pool.same(join(dir, 'a'), join(dir, 'nope'))).toMatchObject({ ok: false, side: 'b', code: 'ENOENT' })
  })

  it('OSS decimal CRC-64 and ETags', () => {
    expect(normalizeCrc64('11051210869376104954')).toBe('995dc9bbdf1939fa')
    expect(normalizeCrc64('0x995DC9BBDF1939FA')).toBe('995dc9bbdf1939fa')
    expect(normalizeCrc64('0')).toBe('0000000000000000')
    expect(normalizeCrc64('18446744073709551616')).toBeUndefined() // 2^64
    expect(normalizeCrc64('abc')).toBeUndefined()
    expect(etagMd5('"5D41402ABC4B2A76B9719D911017C592"')).toBe('5d41402abc4b2a76b9719d911017c592')
    expect(etagMd5('"3b5856034feca33ea00e9a4d1e10d220-2"')).toBeUndefined()
  })
})
