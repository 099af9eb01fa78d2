import { spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { join } from 'node:path'
import { runCli } from '../../src-main/cli/main'

export type CliRun = { code: number; stdout: string; stderr: string }

/** Runs lcube in-process with captured output and a controlled environment. */
export async function lcube(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const code = await runCli(args, { stdout, stderr, env: { LANG: 'en_US.UTF-8', ...env } })
  return { code, stdout: out, stderr: err }
}

export const LCUBE_BIN = join(import.meta.dirname, '..', '..', 'bin', 'lcube.mjs')

/** Runs the real bin/lcube.mjs as a child process, exactly as a user's shell would. */
export function lcubeProcess(args: string[], env: NodeJS.ProcessEnv, options: { uid?: number; gid?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LCUBE_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, ...options })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}
