import { createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** A 32-byte secret that is wiped (zero-filled) when no longer needed. Never from the shared pool. */
export function secretBuffer(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(bytes.length)
  out.set(bytes)
  return out
}

export function randomSecret(length = 32): Buffer {
  const random = randomBytes(length)
  const out = secretBuffer(random)
  random.fill(0)
  return out
}

export function wipe(...buffers: Array<Uint8Array | undefined>): void {
  for (const buffer of buffers) buffer?.fill(0)
}

export type KeyPurpose = 'data' | 'index' | 'manifest'

/** Subkeys of the master key: HKDF-SHA256(master, salt = job id, info = "lcube/v1/" + purpose). */
export function subkey(master: Uint8Array, jobId: Uint8Array, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, jobId, `lcube/v1/${purpose}`, 32))
}

/** A file's own key: HKDF-SHA256(purpose key, salt = the file's random salt, info = label). Fresh salt, fresh key. */
export function fileKey(purposeKey: Uint8Array, salt: Uint8Array, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', purposeKey, salt, label, 32))
}

/** Proves an unwrapped master key belongs to this job; its first 8 bytes are the key fingerprint. */
export function keyCheck(master: Uint8Array, jobId: Uint8Array): Buffer {
  return createHmac('sha256', master).update('lcube/v1/key-check').update(jobId).digest()
}

/** Fingerprint for the hand-over sheet: identifies the key, reveals nothing usable about it. */
export function keyFingerprint(keyCheckValue: Uint8Array): string {
  return Buffer.from(keyCheckValue.subarray(0, 8)).toString('hex').toUpperCase().replace(/(.{4})(?!$)/g, '$1-')
}
