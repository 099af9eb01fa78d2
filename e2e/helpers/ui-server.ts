import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lcube.mjs')

export type UiServer = Readonly<{ url: string; mountRoot: string; configDir: string; stop(): Promise<number | null> }>

/** Runs the real `lcube ui` as its own process over temp mount roots and config, as a user would. */
export async function startUiServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<UiServer> {
  const mountRoot = await mkdtemp(join(tmpdir(), 'lcube-e2e-mounts-'))
  const configDir = await mkdtemp(join(tmpdir(), 'lcube-e2e-config-'))
  const child: ChildProcess = spawn(process.execPath, [BIN, 'ui', '--json'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', LCUBE_CONFIG_DIR: configDir, LCUBE_MOUNT_ROOTS: mountRoot, LCUBE_MOUNT_TABLE: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n').find((l) => l.includes('"listening"'))
      if (line) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.on('exit', (code) => reject(new Error(`lcube ui exited ${code}: ${stderr}`)))
  })
  return {
    url,
    mountRoot,
    configDir,
    async stop() {
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c))
        child.kill('SIGINT')
      })
      await rm(mountRoot, { recursive: true, force: true })
      await rm(configDir, { recursive: true, force: true })
      return code
    },
  }
}
