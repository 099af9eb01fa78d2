import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const MEMORY_BOUND_MIB = 300

/** tmpfs creates files ~70× faster than this VM's disk: a million entries in seconds instead of minutes. */
function fastTempRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
}

describe('scan at scale', () => {
  it(`a 1,000,000-entry tree scans and exports under ${MEMORY_BOUND_MIB} MiB peak RSS`, async () => {
    const root = await mkdtemp(join(fastTempRoot(), 'lcube-scan-million-'))
    try {
      const exts = ['txt', 'jpg', 'log', 'pdf', 'dat', 'mp4', 'db', 'ts']
      // 1,000 folders × (900 empty files + 100 symlinks): every symlink is a finding, so 100,000 rows spill to disk
      for (let d = 0; d < 1000; d += 1) {
        const dir = join(root, `d${String(d).padStart(4, '0')}`)
        mkdirSync(dir)
        for (let f = 0; f < 1000; f += 1) {
          if (f % 10 === 9) symlinkSync(`f${f - 1}`, join(dir, `l${f}`))
          else writeFileSync(join(dir, `f${f}.${exts[f % 8]}`), '')
        }
      }
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'fixtures', 'scan-tree.ts'), root], { maxBuffer: 1 << 20 })
      const result = JSON.parse(stdout.trim().split('\n').pop()!)
      console.log(`[scan scale] ${result.files} files, ${result.symlinks} symlinks, ${result.dirs} folders: peak RSS ${result.peakRssMiB} MiB, scan ${result.scanSeconds} s (${result.entriesPerSecond} entries/s, shared machine: not a benchmark)`)
      expect(result).toMatchObject({ files: 900_000, symlinks: 100_000, dirs: 1000, violations: 100_000 })
      expect(result.peakRssMiB).toBeLessThan(MEMORY_BOUND_MIB)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }, 300_000)
})
