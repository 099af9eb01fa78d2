import { gcm } from '@noble/ciphers/aes.js'
import { createHmac, hkdfSync, scryptSync } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { counterNonce, seal, sealPieces } from '../src-main/engine/format/aead'
import { encodeRecordHeader, encodeSegmentTable, recordAad } from '../src-main/engine/format/record'

// The vectors of docs/FORMAT.md §2.11, recomputed from the spec with @noble/ciphers as the AEAD.
const hex = (h: string) => Buffer.from(h, 'hex')
const V = {
  kek: '6dc11b48a890fdce02dce19ee579d522e600b6ca2f59dd9f94698c0c8440d60e',
  wrapped: '6f3b94e805ad4fd1b9af3e3b6de22d3f04ec0ae1da3e4641d2758a56f06d002ceaa5dd59e51427fada776a191eb51729',
  keyCheck: 'a42a8effe3f1c9a184d3e86df6d9dccd5eed89d9ac76853fffac21899f71eea1',
  data: 'e6829625e7de77cf700aa72ee756e8a9b6a16b94036f214456daa26aaafa354e',
  packKey: '1caf1a71d2157972858e641620b3b5faad81ada0874ac79a513c0bbc7922cf4f',
  plain: '000000010000000000000001000000000000000568656c6c6f',
  header: '4c5245430100000000000029000000000000000013745d3d',
  body: '8016be111be63cd7f54083b3cc48aedbafd7be640cf6bb5d7fca6f0e8826c7e5df71db6cb14b0977fd',
}
const jobId = Buffer.alloc(16, 3)

describe('docs/FORMAT.md test vectors', () => {
  it('key slot: scrypt KEK, the wrapped master key opens with noble AES-GCM', () => {
    const kek = scryptSync(Buffer.from('Str0ng!Passw0rd'.normalize('NFC')), Buffer.alloc(32, 1), 32, { N: 1024, r: 8, p: 1 })
    expect(kek.toString('hex')).toBe(V.kek)
    const aad = Buffer.from(`lcube/v1/slot|${jobId.toString('hex')}|scrypt:10:8:1|AES-256-GCM|zstd|8388608|268435456`)
    const master = gcm(kek, new Uint8Array(12), aad).decrypt(hex(V.wrapped))
    expect(Buffer.from(master).equals(Buffer.alloc(32, 2))).toBe(true)
  })

  it('key check, fingerprint and subkeys', () => {
    const master = Buffer.alloc(32, 2)
    const check = createHmac('sha256', master).update('lcube/v1/key-check').update(jobId).digest('hex')
    expect(check).toBe(V.keyCheck)
    const data = Buffer.from(hkdfSync('sha256', master, jobId, 'lcube/v1/data', 32))
    expect(data.toString('hex')).toBe(V.data)
    expect(Buffer.from(hkdfSync('sha256', data, Buffer.alloc(32, 4), 'lcube/v1/pack/1', 32)).toString('hex')).toBe(V.packKey)
  })

  it('first record: header with its CRC-32, body decrypted by noble with the documented nonce and AAD', () => {
    const header = hex(V.header)
    expect(header.subarray(0, 4).toString()).toBe('LREC')
    expect(header.readUInt32BE(20)).toBe(crc32(header.subarray(0, 20)))
    const nonce = Buffer.alloc(12)
    nonce.writeBigUInt64BE(header.readBigUInt64BE(12), 4)
    const packNo = Buffer.alloc(4)
    packNo.writeUInt32BE(1)
    const plain = gcm(hex(V.packKey), nonce, Buffer.concat([header, jobId, packNo])).decrypt(hex(V.body))
    expect(Buffer.from(plain).toString('hex')).toBe(V.plain)
    expect(Buffer.from(plain).subarray(20).toString()).toBe('hello')
  })

  it('the production writer still produces exactly these bytes', () => {
    // as the job writer does it: the segment table and the payload sealed as pieces, never joined
    const pieces = [encodeSegmentTable([{ fileSeq: 1, partNo: 0, length: 5 }]), Buffer.from('hello')]
    const header = encodeRecordHeader({ type: 1, flags: 0, bodyLength: pieces[0]!.length + pieces[1]!.length + 16, seq: 0n })
    expect(header.toString('hex')).toBe(V.header)
    expect(Buffer.concat(sealPieces(hex(V.packKey), counterNonce(0), pieces, recordAad(header, jobId, 1))).toString('hex')).toBe(V.body)
    expect(seal(hex(V.packKey), counterNonce(0), Buffer.concat(pieces), recordAad(header, jobId, 1)).toString('hex')).toBe(V.body)
  })
})
