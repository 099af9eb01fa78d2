// What each contender runs on a dataset: ours (copy, restore, verify) and the peers a user would pick.
import { spawnSync } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Dataset } from './datasets'
import { have, q } from './measure'

export type Run = { tool: string; step: string; command: string; env?: NodeJS.ProcessEnv; output: string; setup?: () => Promise<void>; skipped?: string }

const LCUBE = join(import.meta.dirname, '..', '..', 'bin', 'lcube.mjs')
export const BENCH_PASSWORD = 'Bench-Passw0rd!2026'

/** age reads a passphrase only from a terminal: a pty from Python types it (twice, as age asks). */
const AGE_PTY = `import os, pty, sys
pw = os.environ['BENCH_PASSPHRASE'].encode() + b'\\n'
def read(fd):
    data = os.read(fd, 1024)
    if b'passphrase' in data.lower():
        os.write(fd, pw)
    return data
sys.exit(os.waitstatus_to_exitcode(pty.spawn(['bash', '-c', sys.argv[1]], read)))
`

export async function oursRuns(data: Dataset, work: string, passwordFile: string, threads?: number, level?: number): Promise<Run[]> {
  const cube = join(work, `cube-${data.name}${threads ? `-t${threads}` : ''}${level !== undefined ? `-l${level}` : ''}`)
  const restored = join(work, `restored-${data.name}`)
  const node = q(process.execPath)
  const extra = `${threads ? ` --threads ${threads}` : ''}${level !== undefined ? ` --level ${level}` : ''}`
  const tool = `lcube${threads ? ` (${threads} threads)` : ''}${level === 0 ? ' store' : ''}`
  const runs: Run[] = [
    {
      tool,
      step: 'copy',
      command: `${node} ${q(LCUBE)} copy ${q(data.dir)} --to ${q(cube)} --job bench --password-file ${q(passwordFile)}${extra}`,
      output: cube,
      setup: async () => {
        await rm(cube, { recursive: true, force: true })
        spawnSync(process.execPath, [LCUBE, 'device', 'simulate', cube, '--model', 'iii'], { stdio: 'ignore' })
      },
    },
  ]
  if (threads || level !== undefined) return runs
  runs.push(
    { tool, step: 'restore', command: `${node} ${q(LCUBE)} restore ${q(cube)} --to ${q(restored)} --password-file ${q(passwordFile)}`, output: restored, setup: () => rm(restored, { recursive: true, force: true }) },
    { tool, step: 'verify', command: `${node} ${q(LCUBE)} verify ${q(cube)} --password-file ${q(passwordFile)}`, output: cube },
  )
  return runs
}

export async function peerRuns(data: Dataset, work: string): Promise<Run[]> {
  const runs: Run[] = []
  const out = (name: string) => join(work, `${name}-${data.name}`)
  const missing = (tool: string, step: string, pkg: string): Run => ({ tool, step, command: '', output: '', skipped: `not installed (apt-get install ${pkg})` })

  const repo = out('restic-repo')
  const resticEnv = { RESTIC_PASSWORD: BENCH_PASSWORD, RESTIC_REPOSITORY: repo, RESTIC_CACHE_DIR: join(work, 'restic-cache') }
  if (have('restic')) {
    runs.push(
      { tool: 'restic', step: 'copy', command: `restic backup --quiet ${q(data.dir)}`, env: resticEnv, output: repo, setup: async () => {
        await rm(repo, { recursive: true, force: true })
        spawnSync('restic', ['init', '--quiet'], { env: { ...process.env, ...resticEnv }, stdio: 'ignore' })
      } },
      { tool: 'restic', step: 'restore', command: `restic restore latest --quiet --target ${q(out('restic-restored'))}`, env: resticEnv, output: out('restic-restored'), setup: () => rm(out('restic-restored'), { recursive: true, force: true }) },
    )
  } else runs.push(missing('restic', 'copy', 'restic'))

  const crypt = out('rclone-crypt')
  if (have('rclone')) {
    const obscured = spawnSync('rclone', ['obscure', BENCH_PASSWORD], { encoding: 'utf8' }).stdout.trim()
    runs.push({ tool: 'rclone crypt', step: 'copy', command: `rclone copy ${q(data.dir)} benchcrypt: --transfers 8 --checkers 8`, env: { RCLONE_CONFIG_BENCHCRYPT_TYPE: 'crypt', RCLONE_CONFIG_BENCHCRYPT_REMOTE: crypt, RCLONE_CONFIG_BENCHCRYPT_PASSWORD: obscured, RCLONE_CONFIG: join(work, 'rclone.conf') }, output: crypt, setup: () => rm(crypt, { recursive: true, force: true }) })
  } else runs.push(missing('rclone crypt', 'copy', 'rclone'))

  const ageOut = `${out('tar-zstd-age')}.tar.zst.age`
  if (have('age') && have('zstd') && have('python3')) {
    const pipeline = `tar -C ${q(data.dir)} -cf - . | zstd -3 -T0 -q | age -p -o ${q(ageOut)}`
    const script = join(work, 'age-pty.py')
    runs.push({ tool: 'tar|zstd|age', step: 'copy', command: `python3 ${q(script)} ${q(pipeline)}`, env: { BENCH_PASSPHRASE: BENCH_PASSWORD }, output: ageOut, setup: async () => {
      await writeFile(script, AGE_PTY)
      await rm(ageOut, { force: true })
    } })
  } else runs.push(missing('tar|zstd|age', 'copy', 'age zstd'))

  const sevenOut = `${out('7z')}.7z`
  const seven = have('7zz') ? '7zz' : have('7z') ? '7z' : undefined
  // -mx=1: 7-Zip's fastest LZMA2 level, what a user in a hurry picks; the default (-mx=5) runs at ~3 MB/s here
  if (seven) runs.push({ tool: '7z AES -mx=1', step: 'copy', command: `${seven} a -bd -bso0 -bsp0 -mx=1 -p${q(BENCH_PASSWORD)} -mhe=on ${q(sevenOut)} ${q(`${data.dir}/.`)}`, output: sevenOut, setup: () => rm(sevenOut, { force: true }) })
  else runs.push(missing('7z AES -mx=1', 'copy', '7zip'))

  runs.push({ tool: 'cp -a', step: 'copy', command: `cp -a ${q(data.dir)} ${q(out('cp'))}`, output: out('cp'), setup: () => rm(out('cp'), { recursive: true, force: true }) })
  if (have('rsync')) runs.push({ tool: 'rsync -a', step: 'copy', command: `rsync -a ${q(`${data.dir}/`)} ${q(out('rsync'))}`, output: out('rsync'), setup: () => rm(out('rsync'), { recursive: true, force: true }) })
  else runs.push(missing('rsync -a', 'copy', 'rsync'))
  await mkdir(work, { recursive: true })
  return runs
}
