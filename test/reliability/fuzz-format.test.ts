// Property-based fuzzing of every reader of on-cube bytes: random and mutated inputs must give a clean
// "invalid"/LcubeError, never a crash (TypeError, RangeError), a hang or a silently wrong value.
import fc from 'fast-check'
import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LcubeError } from '../../src-main/engine/errors'
import { openBlockFile, BlockFileKind } from '../../src-main/engine/format/block-file'
import { crc32 } from 'node:zlib'
import { parseHeader, serializeHeader, unlockHeader, type JobHeader } from '../../src-main/engine/format/header'
import { decodeJournal, encodeJournalRecord, type JournalRecord } from '../../src-main/engine/format/journal'
import { checkScryptParams, scryptMemory, SCRYPT_BOUNDS } from '../../src-main/engine/format/kdf'
import { decodePackHeader, encodePackHeader, indexFileName } from '../../src-main/engine/format/pack-format'
import { decodeDataPlaintext, decodeRecordHeader, encodeRecordHeader, MAX_RECORD_BODY } from '../../src-main/engine/format/record'
import { openJob, type OpenedJob } from '../../src-main/engine/job/open-job'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, PASSWORD, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { seededBytes } from '../helpers/tree'
import { LONG, reportCounts } from './counts'

/** Each property runs for this long (and at least its minimum number of runs). */
const BUDGET_MS = LONG ? 60_000 : 1_200
let inputs = 0
const seed = Number(process.env.LCUBE_FUZZ_SEED ?? 20261124)

const params = { seed, numRuns: 1_000_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false }

/** Runs a property for the time budget and proves it ran enough inputs to mean something. */
function run<T>(arb: fc.Arbitrary<T>, check: (value: T) => void, minRuns = 200): void {
  let runs = 0
  fc.assert(fc.property(arb, (v) => {
    runs += 1
    check(v)
  }), params)
  inputs += runs
  expect(runs).toBeGreaterThanOrEqual(minRuns)
}

async function runAsync<T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, minRuns: number): Promise<void> {
  let runs = 0
  await fc.assert(fc.asyncProperty(arb, async (v) => {
    runs += 1
    await check(v)
  }), params)
  inputs += runs
  expect(runs).toBeGreaterThanOrEqual(minRuns)
}

/** Only expected failures: anything else thrown by a reader is a bug. */
function onlyLcubeErrors(fn: () => unknown): void {
  try {
    fn()
  } catch (error) {
    if (!(error instanceof LcubeError)) throw error
  }
}

let job: OpenedJob
let indexPath: string
let indexBytes: Buffer
let realHeader: JobHeader

beforeAll(async () => {
  const source = await tempDir('lcube-fuzz-src-', 'file')
  for (let i = 0; i < 60; i += 1) await writeFile(join(source, `f${i}.txt`), seededBytes(i, 500 + i * 37, true))
  const cube = await makeCube(undefined, 'file')
  const env = await testEnv({}, 'file')
  Object.assign(process.env, { LCUBE_SCRYPT_LOGN: env.LCUBE_SCRYPT_LOGN })
  const copied = await lcube(['copy', source, '--to', cube, '--job', 'fz', '--password-file', await passwordFile(PASSWORD, 'file')], env)
  expect(copied.code).toBe(0)
  job = await openJob(cube, 'fz', PASSWORD)
  realHeader = job.header
  indexPath = join(job.paths.index, indexFileName(1))
  indexBytes = await readFile(indexPath)
})

afterAll(() => {
  job?.keys.wipe()
  reportCounts('fuzz format readers', { inputsTried: inputs, crashes: 0, seed })
})

describe('format readers under fuzzing (fast-check)', () => {
  it('record header: random bytes never decode to an out-of-range header; any one changed byte of a real header is refused', () => {
    run(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
      const header = decodeRecordHeader(bytes)
      if (header) {
        expect(header.bodyLength).toBeGreaterThanOrEqual(16)
        expect(header.bodyLength).toBeLessThanOrEqual(MAX_RECORD_BODY)
        expect([1, 2, 3]).toContain(header.type)
      }
    })
    const real = encodeRecordHeader({ type: 1, flags: 1, bodyLength: 4096, seq: 7n })
    run(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })), ([at, delta]) => {
      const bad = Buffer.from(real)
      bad[at] = (bad[at]! + delta) & 0xff
      expect(decodeRecordHeader(bad)).toBeUndefined()
    })
  })

  it('DATA plaintext: a segment table never claims more than the bytes present', () => {
    run(fc.uint8Array({ minLength: 0, maxLength: 400 }), (bytes) => {
      const decoded = decodeDataPlaintext(Buffer.from(bytes))
      if (decoded) expect(4 + decoded.segments.length * 16 + decoded.payload.length).toBe(bytes.length)
    })
  })

  it('pack header: random and mutated headers are refused as data, never a crash', () => {
    const real = encodePackHeader({ packNo: 3, jobId: Buffer.alloc(16, 9), salt: Buffer.alloc(32, 5) })
    run(fc.uint8Array({ minLength: 0, maxLength: 80 }), (bytes) => onlyLcubeErrors(() => decodePackHeader(Buffer.from(bytes), 'p.lcp')))
    run(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })), ([at, delta]) => {
      const bad = Buffer.from(real)
      bad[at] = (bad[at]! + delta) & 0xff
      onlyLcubeErrors(() => decodePackHeader(bad, 'p.lcp'))
    })
  })

  it('journal: torn tails and well-framed garbage (valid CRC, any JSON) end the valid part; records are always objects with a type', () => {
    const good: JournalRecord[] = [{ t: 'plan', files: 3, bytes: 10, at: '2026-11-24T00:00:00Z' } as JournalRecord]
    const prefix = Buffer.concat(good.map(encodeJournalRecord))
    const framed = fc.jsonValue().map((value) => {
      const payload = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8')
      const head = Buffer.alloc(8)
      head.writeUInt32BE(payload.length, 0)
      head.writeUInt32BE(crc32(payload), 4)
      return Buffer.concat([head, payload])
    })
    run(fc.tuple(fc.oneof(fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), framed), fc.boolean()), ([tail, withPrefix]) => {
      const bytes = withPrefix ? Buffer.concat([prefix, tail]) : tail
      const { records, validLength } = decodeJournal(bytes)
      expect(validLength).toBeLessThanOrEqual(bytes.length)
      for (const r of records) {
        expect(typeof r).toBe('object')
        expect(r).not.toBeNull()
        expect(typeof (r as { t: unknown }).t).toBe('string')
      }
      if (withPrefix) expect(records.slice(0, good.length)).toEqual(good)
    })
  })

  it('KDF parameters: anything at all is either within the bounds or refused before the KDF runs', () => {
    run(fc.oneof(fc.anything(), fc.record({ name: fc.constantFrom('scrypt', 'argon2'), logN: fc.integer({ min: -5, max: 64 }), r: fc.integer({ min: -1, max: 1 << 20 }), p: fc.integer({ min: -1, max: 1 << 20 }) })), (value) => {
      try {
        const params = checkScryptParams(value)
        expect(scryptMemory(params)).toBeLessThanOrEqual(SCRYPT_BOUNDS.maxMemoryBytes)
      } catch (error) {
        expect(error).toBeInstanceOf(LcubeError)
        expect((error as LcubeError).code).toBe('CORRUPT')
      }
    })
  })

  it('job header: any field replaced by any JSON (with a correct checksum) parses or is refused as data', () => {
    const fields = Object.keys(realHeader) as Array<keyof JobHeader>
    run(fc.tuple(fc.constantFrom(...fields), fc.jsonValue()), ([field, value]) => {
      const text = serializeHeader({ ...realHeader, [field]: value } as JobHeader)
      onlyLcubeErrors(() => parseHeader(text))
    })
    run(fc.tuple(fc.nat(serializeHeader(realHeader).length - 1), fc.string({ minLength: 1, maxLength: 3 })), ([at, insert]) => {
      const text = serializeHeader(realHeader)
      const mutated = text.slice(0, at) + insert + text.slice(at + 1)
      // any change the checksum line does not vouch for is refused (a change to the trailing newline is harmless)
      if (mutated.trimEnd() !== text.trimEnd()) onlyLcubeErrors(() => expect(parseHeader(mutated)).toBeUndefined())
    })
  })

  it('key slot: a mutated slot never opens and never crashes; the right password on the real slot still does', async () => {
    const slot = realHeader.slots[0]!
    const mutations = fc.oneof(
      fc.record({ salt: fc.base64String({ maxLength: 60 }) }),
      fc.record({ wrappedKey: fc.base64String({ maxLength: 80 }) }),
      fc.record({ kdf: fc.record({ name: fc.constant('scrypt'), logN: fc.integer({ min: 9, max: 12 }), r: fc.integer({ min: 1, max: 9 }), p: fc.integer({ min: 1, max: 2 }) }) }),
      fc.record({ id: fc.integer() }),
    )
    await runAsync(mutations, async (change) => {
      const changed = { ...slot, ...change }
      const same = JSON.stringify(changed) === JSON.stringify(slot)
      try {
        const master = await unlockHeader({ ...realHeader, slots: [changed] }, PASSWORD)
        master.fill(0)
        expect(same || 'id' in change).toBe(true)
      } catch (error) {
        expect(error).toBeInstanceOf(LcubeError)
        expect(['WRONG_PASSWORD', 'CORRUPT']).toContain((error as LcubeError).code)
      }
    }, 20)
    const master = await unlockHeader(realHeader, PASSWORD)
    master.fill(0)
  }, 120_000)

  it('pack index: flipped bits and truncations are refused (CORRUPT); an untouched file reads its entries', async () => {
    const scratch = join(await tempDir('lcube-fuzz-idx-'), indexFileName(1))
    const read = async (bytes: Buffer) => {
      await writeFile(scratch, bytes)
      const reader = await openBlockFile(scratch, BlockFileKind.PACK_INDEX, 1, job.keys.jobId, job.keys.index)
      let n = 0
      try {
        for await (const _ of reader.entries()) n += 1
      } finally {
        await reader.close()
      }
      return n
    }
    const entries = await read(indexBytes)
    expect(entries).toBe(60)
    await runAsync(fc.oneof(
      fc.tuple(fc.constant('flip' as const), fc.nat(indexBytes.length * 8 - 1)),
      fc.tuple(fc.constant('cut' as const), fc.nat(indexBytes.length - 1)),
    ), async ([kind, n]) => {
      const bytes = Buffer.from(indexBytes)
      const bad = kind === 'flip' ? (bytes[n >> 3]! ^= 1 << (n & 7), bytes) : bytes.subarray(0, n)
      try {
        await read(bad)
        throw new Error(`a ${kind} at ${n} was not detected`)
      } catch (error) {
        expect(error).toBeInstanceOf(LcubeError)
        expect((error as LcubeError).code).toBe('CORRUPT')
      }
    }, 20)
    await copyFile(indexPath, scratch)
  }, 120_000)
})
