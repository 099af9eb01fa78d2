import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createCRC64, type IHasher } from 'hash-wasm'

/** CRC-64/XZ (ECMA-182 reflected), the value OSS returns as x-oss-hash-crc64ecma. */
export async function createCrc64(): Promise<IHasher> {
  const hasher = await createCRC64()
  hasher.init()
  return hasher
}

/**
 * SHA-256 (our integrity) and CRC-64/XZ (OSS's) over the same bytes in one pass. The CRC hasher is a
 * WASM instance: one per thread, reset per file, so hashing 50k small files costs no instantiation.
 */
export class FileHasher {
  private readonly sha: Hash = createHash('sha256')
  constructor(private readonly crc: IHasher) {
    crc.init()
  }

  update(data: Uint8Array): void {
    this.sha.update(data)
    this.crc.update(data)
  }

  digest(): { sha256: string; crc64: string } {
    return { sha256: this.sha.digest('hex'), crc64: this.crc.digest('hex') }
  }
}

/** SHA-256 of a whole file, streamed in 4 MiB chunks. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
