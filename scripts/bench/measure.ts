// Runs one benchmark command and measures it: wall time, peak RSS (GNU time), output size.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

export type Measured = { seconds: number; peakRssMiB: number | null; ok: boolean; error?: string }

/** Whether the page cache can be dropped (root on Linux); the run is "warm" otherwise. */
export function canDropCaches(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  try {
    spawnSync('sync')
    writeFileSync('/proc/sys/vm/drop_caches', '3')
    return true
  } catch {
    return false
  }
}

export function dropCaches(enabled: boolean): void {
  if (!enabled) return
  spawnSync('sync')
  writeFileSync('/proc/sys/vm/drop_caches', '3')
}

/** A bash command line, timed; peak RSS is the largest resident set among the processes it waited for. */
export async function measure(command: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 3_600_000): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'lcube-bench-time-'))
  const timeFile = join(dir, 'time.txt')
  const started = performance.now()
  const [file, args] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', timeFile, 'bash', '-c', command]] : ['bash', ['-c', command]]
  try {
    const result = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
      execFile(file, args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
        resolve(error ? { ok: false, error: `${error.message.split('\n')[0]} ${stderr.slice(-300)}`.trim() } : { ok: true })
      })
    })
    const seconds = (performance.now() - started) / 1000
    let peakRssMiB: number | null = null
    if (GNU_TIME) {
      const kib = Number((await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop())
      peakRssMiB = Number.isFinite(kib) && kib > 0 ? Math.round(kib / 1024) : null
    }
    return { seconds, peakRssMiB, ...result }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Bytes under a path (du -sb). */
export function diskBytes(path: string): number {
  const out = spawnSync('du', ['-sb', path], { encoding: 'utf8' })
  return Number(out.stdout.split(/\s/)[0]) || 0
}

export function have(command: string): boolean {
  return spawnSync('bash', ['-c', `command -v ${command}`]).status === 0
}

/** Single-quoted for bash. */
export function q(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}
