import { statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { utimesSeconds } from '../../src-main/engine/read/restore'
import { tempDir } from '../helpers/temp'

it('restored mtimes land in the original microsecond (utimes takes a double and truncates)', async () => {
  const file = join(await tempDir(), 'f')
  writeFileSync(file, 'x')
  let mismatches = 0
  let x = 12345
  for (let i = 0; i < 2000; i += 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    const ns = 1_795_477_671_000_000_000n + BigInt(x % 1_000_000_000)
    utimesSync(file, utimesSeconds(ns.toString()), utimesSeconds(ns.toString()))
    if (statSync(file, { bigint: true }).mtimeNs / 1000n !== ns / 1000n) mismatches += 1
  }
  expect(mismatches).toBe(0)
})
