import { writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/helpers/temp'
import { createCrc64 } from '../hash'
import { LcubeError } from '../errors'
import { createHeader, readHeader, serializeHeader, unlockHeader, writeHeader, HEADER_FILE, HEADER_BACKUP, type JobParams } from './header'
import { checkScryptParams } from './kdf'
import { decodeRecordHeader, encodeRecordHeader, RecordType } from './record'
import { comparePaths } from './entry'
import { crc64Reference } from '../../../test/helpers/crc64'

const params: JobParams = { cipher: 'AES-256-GCM', compression: 'zstd', partBytes: 8 * 1024 * 1024, packTargetBytes: 256 * 1024 * 1024 }
const kdf = { name: 'scrypt' as const, logN: 10, r: 8, p: 1 }

async function jobDirWithHeader() {
  const dir = await tempDir()
  const { header, master } = await createHeader({ jobId: Buffer.alloc(16, 7), jobName: 'demo', params, password: 'Pa55word!!', kdf })
  await writeHeader(dir, header)
  return { dir, header, master }
}

describe('job header and key slots', () => {
  it('unlocks with the right password and yields the same master key', async () => {
    const { dir, master } = await jobDirWithHeader()
    const { header } = await readHeader(dir)
    expect((await unlockHeader(header, 'Pa55word!!')).equals(master)).toBe(true)
  })

  it('a wrong password is WRONG_PASSWORD, told apart from damage', async () => {
    const { header } = await jobDirWithHeader()
    await expect(unlockHeader(header, 'pa55word!!')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
  })

  it('the same password typed in NFD unlocks an NFC-created job', async () => {
    const { header } = await createHeader({ jobId: Buffer.alloc(16, 1), jobName: 'x', params, password: 'Café-Passw0rd!', kdf })
    expect((await unlockHeader(header, 'Café-Passw0rd!'.normalize('NFD'))).length).toBe(32)
  })

  it('a flipped bit in header.json falls back to header.bak; both damaged is CORRUPT, not a wrong password', async () => {
    const { dir } = await jobDirWithHeader()
    const text = await readFile(join(dir, HEADER_FILE), 'utf8')
    const flipped = text.replace('"demo"', '"demp"')
    await writeFile(join(dir, HEADER_FILE), flipped)
    expect((await readHeader(dir)).primaryDamaged).toBe(true)
    await writeFile(join(dir, HEADER_BACKUP), flipped)
    await expect(readHeader(dir)).rejects.toMatchObject({ code: 'CORRUPT' })
  })

  it('KDF parameters out of bounds are refused before the KDF runs', async () => {
    for (const bad of [{ ...kdf, logN: 40 }, { ...kdf, logN: 23 }, { ...kdf, r: 1000 }, { ...kdf, p: 0 }, { ...kdf, name: 'md5' }, { ...kdf, logN: 22, r: 32 }]) {
      expect(() => checkScryptParams(bad)).toThrow(LcubeError)
    }
    const { header } = await jobDirWithHeader()
    const edited = { ...header, slots: header.slots.map((s) => ({ ...s, kdf: { ...s.kdf, logN: 40 } })) }
    // refused as damage before deriving anything: a 2^40 scrypt would need 128 TiB of memory and days
    await expect(unlockHeader(edited, 'Pa55word!!')).rejects.toMatchObject({ code: 'CORRUPT', text: { en: expect.stringContaining('refusing to run the KDF') } })
  })

  it('an edited parameter breaks the slot binding (the slot cannot be moved to other parameters)', async () => {
    const { header } = await jobDirWithHeader()
    const edited = { ...header, params: { ...header.params, partBytes: 1024 * 1024 } }
    await expect(unlockHeader(edited, 'Pa55word!!')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
  })

  it('serialises as one JSON line and its SHA-256', async () => {
    const { header } = await jobDirWithHeader()
    const lines = serializeHeader(header).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(JSON.parse(lines[0]!).slots[0].kdf).toEqual(kdf)
  })
})

describe('CRC-64/XZ equals OSS x-oss-hash-crc64ecma', () => {
  it('check value of "123456789" is 0x995DC9BBDF1939FA (11051210869376104954)', async () => {
    const crc = await createCrc64()
    crc.update('123456789')
    const hex = crc.digest('hex')
    expect(hex).toBe('995dc9bbdf1939fa')
    expect(BigInt(`0x${hex}`)).toBe(11051210869376104954n)
    expect(crc64Reference(Buffer.from('123456789'))).toBe(0x995dc9bbdf1939fan)
  })

  it('empty input gives 0', async () => {
    const crc = await createCrc64()
    expect(crc.digest('hex')).toBe('0000000000000000')
  })

  it('matches the bitwise reference on 2 MiB fed in uneven pieces', async () => {
    const data = Buffer.alloc(2 * 1024 * 1024)
    for (let i = 0; i < data.length; i += 1) data[i] = (i * 7919 + (i >> 8)) & 0xff
    const crc = await createCrc64()
    for (let at = 0; at < data.length; at += 65_537) crc.update(data.subarray(at, at + 65_537))
    expect(BigInt(`0x${crc.digest('hex')}`)).toBe(crc64Reference(data))
  })
})

describe('record framing', () => {
  it('round-trips and rejects any flipped bit in the header', () => {
    const bytes = encodeRecordHeader({ type: RecordType.DATA, flags: 1, bodyLength: 1234, seq: 42n })
    expect(decodeRecordHeader(bytes)).toEqual({ type: 1, flags: 1, bodyLength: 1234, seq: 42n })
    for (let bit = 0; bit < bytes.length * 8; bit += 1) {
      const copy = Buffer.from(bytes)
      copy[bit >> 3]! ^= 1 << (bit & 7)
      expect(decodeRecordHeader(copy)).toBeUndefined()
    }
  })
})

describe('path order', () => {
  it("sorts by UTF-8 bytes with '/' before everything, so a folder's contents stay together", () => {
    const paths = ['a b', 'a/z', 'a', 'a/b/c', '中文', 'Z', 'a.txt', 'é', 'e\u0301', '😀']
    const sorted = [...paths].sort(comparePaths)
    expect(sorted).toEqual(['Z', 'a', 'a/b/c', 'a/z', 'a b', 'a.txt', 'e\u0301', 'é', '中文', '😀'])
  })
})
