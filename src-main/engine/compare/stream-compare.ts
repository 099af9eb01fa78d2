import { closeSync, openSync, readSync } from 'node:fs'
import type { FullCompareResult } from './target-entry'

/** Compares a local file with a stream of bytes (a GET, decrypted parts) without holding either whole. */
export async function compareStreamWithFile(path: string, chunks: AsyncIterable<Uint8Array>): Promise<FullCompareResult> {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    return { error: { en: `source cannot be read: ${(error as NodeJS.ErrnoException).code}`, zh: `源文件无法读取：${(error as NodeJS.ErrnoException).code}` } }
  }
  try {
    let offset = 0
    let local = Buffer.alloc(0)
    for await (const data of chunks) {
      if (local.length < data.length) local = Buffer.allocUnsafe(Math.max(data.length, 1 << 20))
      const n = readSync(fd, local, 0, data.length, offset)
      const mine = local.subarray(0, n)
      if (n !== data.length || Buffer.compare(mine, data) !== 0) {
        let i = 0
        while (i < n && mine[i] === data[i]) i += 1
        return { same: false, firstDifference: offset + i }
      }
      offset += data.length
    }
    const tail = readSync(fd, Buffer.allocUnsafe(1), 0, 1, offset)
    return tail === 0 ? { same: true, firstDifference: null } : { same: false, firstDifference: offset }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) return { error: { en: `source cannot be read: ${(error as NodeJS.ErrnoException).code}`, zh: `源文件无法读取：${(error as NodeJS.ErrnoException).code}` } }
    throw error
  } finally {
    closeSync(fd)
  }
}
