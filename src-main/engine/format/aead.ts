import { createCipheriv, createDecipheriv } from 'node:crypto'

export const TAG_BYTES = 16
export const NONCE_BYTES = 12

/** AES-256-GCM seal: returns ciphertext || tag. Native in Node's OpenSSL and Electron's BoringSSL. */
export function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  return Buffer.concat(sealPieces(key, nonce, [plaintext], aad))
}

/**
 * The same seal over a plaintext given in pieces, returned in pieces (ciphertext…, tag): the bytes equal
 * seal() of the concatenation, but a multi-MiB record is never copied just to be joined.
 */
export function sealPieces(key: Uint8Array, nonce: Uint8Array, plaintext: ReadonlyArray<Uint8Array>, aad: Uint8Array): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(aad)
  const out = plaintext.map((piece) => cipher.update(piece))
  out.push(cipher.final(), cipher.getAuthTag())
  return out
}

/** AES-256-GCM open; undefined when the tag does not verify (wrong key, tampering, corruption). */
export function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer | undefined {
  if (sealed.length < TAG_BYTES) return undefined
  const decipher = createDecipheriv('aes-256-gcm', key, nonce)
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES))
  try {
    return Buffer.concat([head, decipher.final()])
  } catch {
    return undefined
  }
}

/** 96-bit nonce: 4 zero bytes then a 64-bit big-endian counter. Unique per key by construction. */
export function counterNonce(counter: bigint | number): Buffer {
  const nonce = Buffer.alloc(NONCE_BYTES)
  nonce.writeBigUInt64BE(BigInt(counter), 4)
  return nonce
}
