import { createHash, type Hash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { createCrc64 } from '../hash'
import type { Digests, HashRequest, HashResponse } from './hash-protocol'

const CHUNK = 1024 * 1024
const port = parentPort!
const crc = await createCrc64()
const bufferA = Buffer.allocUnsafe(CHUNK)
const bufferB = Buffer.allocUnsafe(CHUNK)

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO'
}

function hashFile(request: Extract<HashRequest, { type: 'hash' }>): HashResponse {
  let fd: number
  try {
    fd = openSync(request.path, 'r')
  } catch (error) {
    return { id: request.id, ok: false, side: 'a', code: errorCode(error) }
  }
  try {
    const hashes: Array<[string, Hash]> = request.algorithms.filter((a) => a !== 'crc64').map((a) => [a, createHash(a)])
    const wantCrc = request.algorithms.includes('crc64')
    if (wantCrc) crc.init()
    let size = 0
    for (;;) {
      const n = readSync(fd, bufferA, 0, CHUNK, null)
      if (n === 0) break
      const chunk = bufferA.subarray(0, n)
      for (const [, hash] of hashes) hash.update(chunk)
      if (wantCrc) crc.update(chunk)
      size += n
    }
    const digests: Digests = Object.fromEntries(hashes.map(([name, hash]) => [name, hash.digest('hex')]))
    if (wantCrc) digests.crc64 = crc.digest('hex')
    return { id: request.id, ok: true, size, digests }
  } catch (error) {
    return { id: request.id, ok: false, side: 'a', code: errorCode(error) }
  } finally {
    closeSync(fd)
  }
}

function sameBytes(request: Extract<HashRequest, { type: 'same' }>): HashResponse {
  const fds: number[] = []
  try {
    for (const [side, path] of [['a', request.a], ['b', request.b]] as const) {
      try {
        fds.push(openSync(path, 'r'))
      } catch (error) {
        return { id: request.id, ok: false, side, code: errorCode(error) }
      }
    }
    let offset = 0
    for (;;) {
      const na = readSync(fds[0]!, bufferA, 0, CHUNK, null)
      let nb = 0
      while (nb < na) {
        const n = readSync(fds[1]!, bufferB, nb, na - nb, null)
        if (n === 0) break
        nb += n
      }
      if (na !== nb) return { id: request.id, ok: true, size: offset + Math.min(na, nb), same: false, firstDifference: offset + Math.min(na, nb) }
      if (na === 0) {
        const more = readSync(fds[1]!, bufferB, 0, 1, null)
        return { id: request.id, ok: true, size: offset, same: more === 0, firstDifference: more === 0 ? null : offset }
      }
      if (bufferA.compare(bufferB, 0, na, 0, na) !== 0) {
        let i = 0
        while (bufferA[i] === bufferB[i]) i += 1
        return { id: request.id, ok: true, size: offset, same: false, firstDifference: offset + i }
      }
      offset += na
    }
  } catch (error) {
    return { id: request.id, ok: false, side: 'a', code: errorCode(error) }
  } finally {
    for (const fd of fds) closeSync(fd)
  }
}

port.on('message', (request: HashRequest) => {
  port.postMessage(request.type === 'hash' ? hashFile(request) : sameBytes(request))
})
