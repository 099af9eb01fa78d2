import { LcubeError } from '../errors'

export const PACK_MAGIC = Buffer.from('LCUBPACK')
export const PACK_VERSION = 1
export const PACK_HEADER_BYTES = 64

export type PackHeader = Readonly<{ packNo: number; jobId: Buffer; salt: Buffer }>

/** 64 plaintext bytes: magic, version, reserved, pack number, job id, the pack's random key salt. */
export function encodePackHeader(header: PackHeader): Buffer {
  const out = Buffer.alloc(PACK_HEADER_BYTES)
  PACK_MAGIC.copy(out, 0)
  out.writeUInt16BE(PACK_VERSION, 8)
  out.writeUInt32BE(header.packNo, 12)
  header.jobId.copy(out, 16)
  header.salt.copy(out, 32)
  return out
}

export function decodePackHeader(bytes: Buffer, where: string): PackHeader {
  if (bytes.length < PACK_HEADER_BYTES || !bytes.subarray(0, 8).equals(PACK_MAGIC)) {
    throw new LcubeError('CORRUPT', { en: `${where}: not a pack (bad magic)`, zh: `${where}：不是数据包（标识错误）` })
  }
  const version = bytes.readUInt16BE(8)
  if (version !== PACK_VERSION) {
    throw new LcubeError('CORRUPT', { en: `${where}: unknown pack version ${version}`, zh: `${where}：未知的数据包版本 ${version}` })
  }
  return { packNo: bytes.readUInt32BE(12), jobId: Buffer.from(bytes.subarray(16, 32)), salt: Buffer.from(bytes.subarray(32, 64)) }
}

export function packFileName(packNo: number): string {
  return `p${String(packNo).padStart(6, '0')}.lcp`
}

export function indexFileName(packNo: number): string {
  return `p${String(packNo).padStart(6, '0')}.lci`
}

export function packLabel(packNo: number): string {
  return `lcube/v1/pack/${packNo}`
}
