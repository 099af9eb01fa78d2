import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkerPool } from '../../src-main/engine/copy/worker-pool'
import { tempDir } from '../helpers/temp'

describe('worker pool', () => {
  it('hashes a batch in a real worker thread (SHA-256 and CRC-64 of the exact bytes)', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.txt'), '123456789')
    const pool = new WorkerPool(1)
    try {
      const result = await pool.batch([{ fileSeq: 1, abs: join(dir, 'a.txt'), name: 'a.txt' }], 3)
      expect(result.files[0]!.outcome).toMatchObject({ status: 'ok', crc64: '995dc9bbdf1939fa', sha256: '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225', bytes: 9 })
      expect(Buffer.from(result.payload).toString()).toBe('123456789')
    } finally {
      await pool.close()
    }
  })

  it('closing rejects tasks in flight and tasks still waiting for a worker (no hang on stop)', async () => {
    const dir = await tempDir()
    const files = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const abs = join(dir, `f${i}`)
      await writeFile(abs, Buffer.alloc(2 * 1024 * 1024, i))
      return { fileSeq: i, abs, name: `f${i}` }
    }))
    const pool = new WorkerPool(1)
    const tasks = files.map((file) => pool.file(file, 64 * 1024, 3, () => new Promise((resolve) => setTimeout(resolve, 50))))
    const settled = Promise.allSettled(tasks)
    await new Promise((resolve) => setTimeout(resolve, 100))
    await pool.close()
    const results = await settled
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
  })
})

describe('worker pool part order', () => {
  it('hands a file\'s parts to the writer strictly in order, even when the writer is slower for the first', async () => {
    const dir = await tempDir()
    const abs = join(dir, 'big')
    await writeFile(abs, Buffer.alloc(6 * 64 * 1024, 7))
    const pool = new WorkerPool(1)
    const seen: number[] = []
    try {
      await pool.file({ fileSeq: 1, abs, name: 'big' }, 64 * 1024, 3, async (part) => {
        // the first part takes longest: a concurrent handler would let part 1 overtake it
        await new Promise((r) => setTimeout(r, part.partNo === 0 ? 200 : 5))
        seen.push(part.partNo)
      })
    } finally {
      await pool.close()
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
  })
})
