// After a whole migration through the CLI and through the app's service, the password is in no file the
// tool wrote (cube, config, history, reports, restore, its temp files) and in none of its output.
import { spawn } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN } from '../helpers/cli'
import { makeCube, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir, waitFor } from '../helpers/temp'
import { reportCounts } from './counts'

const PASSWORD = 'Zq8#secret-PW-neverLogged'
const NEW_PASSWORD = 'Yx7$another-PW-neverLogged'

type Output = { code: number | null; stdout: string; stderr: string }

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Output> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LCUBE_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name))
  }
  return out
}

/** The password's bytes as UTF-8 and as UTF-16 (a Windows-style dump), and its base64. */
function needles(secret: string): Buffer[] {
  return [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64'))]
}

describe('secrets', () => {
  it('the password reaches no written file and no output, after scan, copy, status, verify, restore, compare, passwd and the app', async () => {
    const root = await tempDir('lcube-secrets-')
    const source = join(root, 'source')
    await mixedDataset(source, { smallFiles: 150, largeFiles: 2, largeBytes: 2 * 1024 * 1024 })
    const cube = await makeCube()
    const pwFile = join(root, 'pw.txt')
    const newPwFile = join(root, 'new-pw.txt')
    await writeFile(pwFile, `${PASSWORD}\n`)
    await writeFile(newPwFile, `${NEW_PASSWORD}\n`)
    const tmp = await tempDir('lcube-secrets-tmp-')
    const reports = join(root, 'reports')
    const restore = join(root, 'restore')
    const env: NodeJS.ProcessEnv = { ...(await testEnv()), TMPDIR: tmp }
    const outputs: Output[] = []
    const step = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
      const out = await run([...args, '--debug'], { ...env, ...extraEnv })
      outputs.push(out)
      return out
    }
    await step(['scan', source, '--out', join(root, 'scan.json'), '--out', join(root, 'scan.html')])
    expect((await step(['copy', source, '--to', cube, '--job', 's', '--password-file', pwFile, '--json'])).code).toBe(0)
    expect((await step(['status', cube])).code).toBe(0)
    expect((await step(['verify', cube, '--job', 's', '--source', source], { LCUBE_PASSWORD: PASSWORD })).code).toBe(0)
    expect((await step(['verify', cube, '--job', 's'], { LCUBE_PASSWORD: 'Wrong#Password-123' })).code).toBe(3)
    expect((await step(['restore', cube, '--job', 's', '--to', restore, '--password-file', pwFile])).code).toBe(0)
    const compared = await step(['compare', source, '--against', `cube:${cube}#s`, '--mode', 'full', '--password-file', pwFile, '--report', join(reports, 'c.html'), '--report', join(reports, 'c.csv'), '--report', join(reports, 'c.json')])
    expect(compared.code, compared.stderr).toBe(0)
    expect((await step(['passwd', cube, '--job', 's', '--password-file', pwFile, '--new-password-file', newPwFile])).code).toBe(0)
    expect((await step(['verify', cube, '--job', 's', '--password-file', newPwFile])).code).toBe(0)

    // the app: the web bridge and its service worker, a copy started with the password over HTTP
    // the API is what is under test: a one-page static folder stands in for the built renderer
    const page = await tempDir('lcube-secrets-ui-')
    await writeFile(join(page, 'index.html'), '<!doctype html><title>ui</title>')
    const ui = spawn(process.execPath, [LCUBE_BIN, 'ui', '--json', '--static', page], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let uiOut = ''
    let uiErr = ''
    ui.stdout.on('data', (c: Buffer) => (uiOut += c.toString()))
    ui.stderr.on('data', (c: Buffer) => (uiErr += c.toString()))
    const url = new URL(await waitFor(() => (/"url":"([^"]+)"/.exec(uiOut)?.[1]), 120_000, 'lcube ui'))
    const token = url.searchParams.get('token')!
    const call = async (channel: string, body: unknown) => {
      const response = await fetch(new URL(`/api/invoke/${channel}`, url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-lcube-token': token }, body: JSON.stringify(body) })
      return (await response.json()) as { ok: boolean; value?: unknown }
    }
    expect(await call('copy:start', { sources: [source], cube, job: 'app', password: PASSWORD })).toMatchObject({ ok: true })
    await waitFor(async () => {
      const history = (await call('history:list', null)).value as Array<{ kind: string; outcome: string }>
      return history.some((h) => h.kind === 'copy' && h.outcome !== 'running') ? true : undefined
    }, 60_000, 'the app copy to finish')
    const verifyTask = (await call('verify:start', { cube, job: 'app', password: PASSWORD })).value as { id: string }
    await waitFor(async () => {
      const history = (await call('history:list', null)).value as Array<{ kind: string; outcome: string }>
      return history.some((h) => h.kind === 'verify' && h.outcome !== 'running') ? true : undefined
    }, 60_000, 'the app verify to finish')
    expect(await call('tasks:export', { id: verifyTask.id, format: 'json' })).toMatchObject({ ok: true })
    ui.kill('SIGINT')
    await new Promise((resolve) => ui.on('exit', resolve))
    outputs.push({ code: 0, stdout: uiOut, stderr: uiErr })

    const written = [
      ...(await filesUnder(cube)),
      ...(await filesUnder(env.LCUBE_CONFIG_DIR!)),
      ...(await filesUnder(tmp)),
      ...(await filesUnder(reports)),
      ...(await filesUnder(restore)),
      join(root, 'scan.json'),
      join(root, 'scan.html'),
    ]
    let bytesSearched = 0
    const hits: string[] = []
    for (const file of written) {
      const bytes = await readFile(file)
      bytesSearched += bytes.length
      for (const secret of [PASSWORD, NEW_PASSWORD]) for (const needle of needles(secret)) if (bytes.includes(needle)) hits.push(file)
    }
    for (const out of outputs) {
      for (const secret of [PASSWORD, NEW_PASSWORD]) {
        if ((out.stdout + out.stderr).includes(secret)) hits.push('output')
        bytesSearched += out.stdout.length + out.stderr.length
      }
    }
    expect(hits).toEqual([])
    expect(written.filter((f) => f.includes('history')).length).toBeGreaterThanOrEqual(2)
    reportCounts('secrets in written files and output', { filesSearched: written.length, outputsSearched: outputs.length, bytesSearched, hits: hits.length })
  }, 300_000)
})
