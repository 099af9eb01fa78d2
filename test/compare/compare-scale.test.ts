import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp'
import { checksums } from './compare-helpers'

const run = promisify(execFile)
const MEMORY_BOUND_MIB = 512

describe('compare at scale', () => {
  it(`a 1,000,000-entry listing is sorted, merged and reported under ${MEMORY_BOUND_MIB} MiB peak RSS`, async () => {
    const source = await tempDir('lcube-cmp-scale-src-')
    const dir = await tempDir('lcube-cmp-scale-')
    const listing = join(dir, 'listing.csv')
    const out = createWriteStream(listing)
    out.write('key,size,crc64\n')
    // 1,000 source files; the listing holds them among 999,000 other keys, in an order unlike path order (every 1,000th row)
    await mkdir(join(source, 'data'))
    const rows: string[] = []
    for (let i = 0; i < 1000; i += 1) {
      const data = Buffer.from(`file ${i}`)
      await writeFile(join(source, 'data', `f${i}.txt`), data)
      rows.push(`data/f${i}.txt,${data.length},${(await checksums(data)).crc64Decimal}`)
    }
    for (let i = 0; i < 1_000_000; i += 1) {
      const row = i % 1000 === 0 ? rows.pop()! : `other/${(i * 7919) % 999_000}/object-${i}.bin,${i % 5000},`
      if (!out.write(`${row}\n`)) await once(out, 'drain')
    }
    for (const row of rows) out.write(`${row}\n`)
    out.end()
    await once(out, 'finish')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'fixtures', 'compare-listing.ts'), source, listing], { maxBuffer: 1 << 20 })
    const result = JSON.parse(stdout.trim().split('\n').pop()!)
    console.log(`[compare scale] ${result.targetObjects} listed objects, ${result.match} matched by CRC-64: peak RSS ${result.peakRssMiB} MiB in ${result.seconds} s`)
    expect(result).toMatchObject({ targetObjects: 1_000_000, match: 1000, extra: 999_000, differ: 0, missing: 0, error: 0 })
    expect(result.peakRssMiB).toBeLessThan(MEMORY_BOUND_MIB)
  }, 300_000)
})
