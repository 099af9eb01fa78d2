import { gcm } from '@noble/ciphers/aes.js'
import { decompress } from 'fzstd'
import { createHash, createHmac, hkdfSync, scryptSync } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { lcube } from './helpers/cli'
import { makeCube, PASSWORD, passwordFile, testEnv } from './helpers/cube'
import { mixedDataset } from './helpers/dataset'
import { tempDir } from './helpers/temp'
import { treeDigest } from './helpers/tree'

/**
 * A reader written from docs/FORMAT.md alone: no production module is imported. AES-GCM is @noble/ciphers,
 * zstd is fzstd (a separate pure-JS decoder), the rest is node:crypto primitives. It rebuilds every file from the packs' FILE
 * and DATA records and must find the source tree.
 */
async function readCubeFollowingTheSpec(jobDir: string, password: string): Promise<Map<string, Buffer>> {
  const [body, sum] = (await readFile(join(jobDir, 'header.json'), 'utf8')).split('\n')
  expect(sum).toBe(`sha256=${createHash('sha256').update(body!).digest('hex')}`)
  const header = JSON.parse(body!)
  const jobId = Buffer.from(header.jobId, 'hex')
  const p = header.params
  let master: Uint8Array | undefined
  for (const slot of header.slots) {
    const kek = scryptSync(Buffer.from(password.normalize('NFC')), Buffer.from(slot.salt, 'base64'), 32, { N: 2 ** slot.kdf.logN, r: slot.kdf.r, p: slot.kdf.p, maxmem: 2 ** 30 })
    const aad = Buffer.from(`lcube/v1/slot|${header.jobId}|scrypt:${slot.kdf.logN}:${slot.kdf.r}:${slot.kdf.p}|${p.cipher}|${p.compression}|${p.partBytes}|${p.packTargetBytes}`)
    master = gcm(kek, new Uint8Array(12), aad).decrypt(Buffer.from(slot.wrappedKey, 'base64'))
  }
  expect(createHmac('sha256', master!).update('lcube/v1/key-check').update(jobId).digest('base64')).toBe(header.keyCheck)
  const kData = Buffer.from(hkdfSync('sha256', master!, jobId, 'lcube/v1/data', 32))
  const dataRecords = new Map<string, Buffer[]>()
  const entries: Array<{ path: string; type: string; status: string; seq: number; parts: Array<[number, number, number, number]> }> = []
  for (const name of (await readdir(join(jobDir, 'packs'))).sort()) {
    const pack = await readFile(join(jobDir, 'packs', name))
    expect(pack.subarray(0, 8).toString()).toBe('LCUBPACK')
    const packNo = pack.readUInt32BE(12)
    const key = Buffer.from(hkdfSync('sha256', kData, pack.subarray(32, 64), `lcube/v1/pack/${packNo}`, 32))
    let at = 64
    let seq = 0n
    while (at < pack.length) {
      const head = pack.subarray(at, at + 24)
      expect(head.subarray(0, 4).toString()).toBe('LREC')
      expect(head.readUInt32BE(20)).toBe(crc32(head.subarray(0, 20)))
      expect(head.readBigUInt64BE(12)).toBe(seq)
      const length = head.readUInt32BE(8)
      const nonce = Buffer.alloc(12)
      nonce.writeBigUInt64BE(seq, 4)
      const tail = Buffer.alloc(20)
      jobId.copy(tail)
      tail.writeUInt32BE(packNo, 16)
      const plain = Buffer.from(gcm(key, nonce, Buffer.concat([head, tail])).decrypt(pack.subarray(at + 24, at + 24 + length)))
      const type = head.readUInt8(4)
      if (type === 1) {
        const count = plain.readUInt32BE(0)
        const lengths = Array.from({ length: count }, (_, i) => plain.readUInt32BE(4 + i * 16 + 12))
        let payload = plain.subarray(4 + count * 16)
        if (head.readUInt8(5) & 1) payload = Buffer.from(decompress(payload))
        const segments: Buffer[] = []
        let offset = 0
        for (const len of lengths) {
          segments.push(payload.subarray(offset, offset + len))
          offset += len
        }
        dataRecords.set(`${packNo}:${at}`, segments)
      } else if (type === 2) entries.push(JSON.parse(plain.toString('utf8')))
      at += 24 + length
      seq += 1n
    }
  }
  const files = new Map<string, Buffer>()
  for (const entry of entries) {
    if (entry.type !== 'file' || entry.status !== 'ok') continue
    files.set(entry.path, Buffer.concat(entry.parts.map(([pack, offset, segment]) => dataRecords.get(`${pack}:${offset}`)![segment]!)))
  }
  return files
}

describe('an independent reader following docs/FORMAT.md', () => {
  it('decodes a cube written by lcube copy into the exact source files', async () => {
    const source = await tempDir('lcube-src-')
    await mixedDataset(source, { smallFiles: 150, largeFiles: 3, largeBytes: 9 * 1024 * 1024 })
    const cube = await makeCube()
    const env = await testEnv()
    expect((await lcube(['copy', source, '--to', cube, '--job', 'spec', '--password-file', await passwordFile()], env)).code).toBe(0)
    const files = await readCubeFollowingTheSpec(join(cube, 'jobs', 'spec'), PASSWORD)
    const expected = [...(await treeDigest(source))].filter(([, e]) => e.type === 'file')
    expect(files.size).toBe(expected.length)
    for (const [path, entry] of expected) expect(createHash('sha256').update(files.get(path)!).digest('hex')).toBe(entry.sha256)
  })
})
