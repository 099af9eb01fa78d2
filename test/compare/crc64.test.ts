import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createCrc64 } from '../../src-main/engine/hash'
import { normalizeCrc64, etagMd5 } from '../../src-main/engine/compare/target-entry'

/** CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones), bit by bit: independent of hash-wasm. */
function crc64Reference(data: Uint8Array): bigint {
  const poly = 0xc96c5795d7870f42n
  let crc = 0xffffffffffffffffn
  for (const byte of data) {
    crc ^= BigInt(byte)
    for (let i = 0; i < 8; i += 1) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n
  }
  return crc ^ 0xffffffffffffffffn
}

async function crc64Hex(data: Uint8Array): Promise<string> {
  const hasher = await createCrc64()
  hasher.update(data)
  return hasher.digest('hex')
}

describe('CRC-64/XZ equals OSS x-oss-hash-crc64ecma', () => {
  it('check value of "123456789"', async () => {
    expect(await crc64Hex(Buffer.from('123456789'))).toBe('995dc9bbdf1939fa')
    expect(BigInt('0x995dc9bbdf1939fa').toString()).toBe('11051210869376104954')
    expect(normalizeCrc64('11051210869376104954')).toBe('995dc9bbdf1939fa')
    expect(normalizeCrc64('0x995DC9BBDF1939FA')).toBe('995dc9bbdf1939fa')
  })

  it('empty input', async () => {
    expect(await crc64Hex(new Uint8Array(0))).toBe('0000000000000000')
    expect(normalizeCrc64('0')).toBe('0000000000000000')
  })

  it('multi-MiB inputs agree with a bitwise reference', async () => {
    for (const size of [1024 * 1024 + 3, 3 * 1024 * 1024]) {
      const data = randomBytes(size)
      expect(await crc64Hex(data)).toBe(crc64Reference(data).toString(16).padStart(16, '0'))
    }
  }, 120_000)

  it('rejects values that are not CRC-64s; reads ETags', () => {
    expect(normalizeCrc64('18446744073709551616')).toBeUndefined() // 2^64
    expect(normalizeCrc64('abc')).toBeUndefined()
    expect(etagMd5('"5D41402ABC4B2A76B9719D911017C592"')).toBe('5d41402abc4b2a76b9719d911017c592')
    expect(etagMd5('"3b5856034feca33ea00e9a4d1e10d220-2"')).toBeUndefined()
  })
})
