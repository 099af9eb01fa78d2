import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'
import { treeDigest } from '../helpers/tree'

it('--level 0 stores without compression: the cube holds at least the source bytes, the restore is exact', async () => {
  const source = await tempDir()
  const text = 'the same compressible line of a log file\n'.repeat(50_000) // ~2 MB, zstd would shrink it ~100×
  await writeFile(join(source, 'app.log'), text)
  await writeFile(join(source, 'small.txt'), 'hello '.repeat(100))
  const env = await testEnv()
  const pw = await passwordFile()
  const stored = await makeCube()
  const packed = await makeCube()
  expect((await lcube(['copy', source, '--to', stored, '--password-file', pw, '--level', '0'], env)).code).toBe(0)
  expect((await lcube(['copy', source, '--to', packed, '--password-file', pw], env)).code).toBe(0)
  const onCube = async (cube: string) => JSON.parse((await lcube(['status', cube, '--json'], env)).stdout)[0].bytesOnCube as number
  const sourceBytes = Buffer.byteLength(text) + 600
  expect(await onCube(stored)).toBeGreaterThanOrEqual(sourceBytes)
  expect(await onCube(packed)).toBeLessThan(sourceBytes / 20)
  const restored = await tempDir()
  expect((await lcube(['restore', stored, '--to', restored, '--password-file', pw], env)).code).toBe(0)
  expect(await treeDigest(restored)).toEqual(await treeDigest(source))
  expect((await lcube(['copy', source, '--to', stored, '--password-file', pw, '--level', '20'], env)).stderr).toMatch(/--level must be a whole number from 0 to 19/)
}, 60_000)

it('a file of alternating text and random runs gets its text compressed after random parts (probe, not give up)', async () => {
  const source = await tempDir()
  const MiB = 1024 * 1024
  const text = Buffer.from('2026-11-24T02:00:00Z INFO request served status=200 bytes=512\n'.repeat(Math.ceil((8 * MiB) / 62))).subarray(0, 8 * MiB)
  const random = randomBytes(16 * MiB)
  // parts of 8 MiB: text, random, random, text, text: the last two came after two incompressible parts
  await writeFile(join(source, 'dump.bin'), Buffer.concat([text, random, text, text]))
  const env = await testEnv()
  const pw = await passwordFile()
  const cube = await makeCube()
  expect((await lcube(['copy', source, '--to', cube, '--password-file', pw], env)).code).toBe(0)
  const bytesOnCube = JSON.parse((await lcube(['status', cube, '--json'], env)).stdout)[0].bytesOnCube as number
  expect(bytesOnCube).toBeLessThan(random.length + 2 * MiB) // the three text parts shrink to almost nothing
  const restored = await tempDir()
  expect((await lcube(['restore', cube, '--to', restored, '--password-file', pw], env)).code).toBe(0)
  expect(await treeDigest(restored)).toEqual(await treeDigest(source))
}, 120_000)
