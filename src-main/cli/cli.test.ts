import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN, lcube, lcubeProcess } from '../../test/helpers/cli'
import { tempDir, waitFor } from '../../test/helpers/temp'
import { COMMANDS } from './commands/index'
import { EXIT } from './exit-codes'

async function isolatedEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  return { LCUBE_CONFIG_DIR: await tempDir(), LCUBE_MOUNT_ROOTS: '', LCUBE_MOUNT_TABLE: '', ...extra }
}

describe('lcube usage errors', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown command', ['frobnicate'], /Unknown command "frobnicate"/],
    ['unknown option', ['devices', '--bogus'], /Unknown option '--bogus'.*lcube devices --help/],
    ['extra argument', ['devices', 'extra'], /lcube devices expects no arguments/],
    ['missing DIR', ['device', 'simulate', '--model', 'ii'], /expects DIR/],
    ['missing model', ['device', 'simulate', '/tmp/x'], /--model is required/],
    ['bad model', ['device', 'simulate', '/tmp/x', '--model', 'iv'], /--model is required and must be one of mini, ii, iii/],
    ['bad capacity', ['device', 'simulate', '/tmp/x', '--model', 'ii', '--capacity', 'huge'], /Invalid size "huge"/],
    ['bad cabinets', ['device', 'simulate', '/tmp/x', '--model', 'iii', '--cabinets', 'two'], /--cabinets must be a whole number/],
    ['cabinets on mini', ['device', 'simulate', '/tmp/lcube-never', '--model', 'mini', '--cabinets', '1'], /Only model iii takes expansion cabinets/],
    ['bad lang', ['devices', '--lang', 'fr'], /--lang must be zh or en/],
    ['remove unknown path', ['device', 'remove', '/nowhere/at/all'], /is not registered/],
    ['bad port', ['ui', '--port', '99999'], /--port must be 0–65535/],
    ['unbuilt UI folder', ['ui', '--static', '/nonexistent-lcube-ui'], /The UI is not built .*npm run build:renderer/],
  ]

  it.each(cases)('%s exits 2 with one clear line and no stack', async (_name, args, message) => {
    const run = await lcube(args, await isolatedEnv())
    expect(run.code).toBe(EXIT.USAGE)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('speaks Chinese with --lang zh or a zh LANG', async () => {
    const byFlag = await lcube(['frobnicate', '--lang', 'zh'], await isolatedEnv())
    expect(byFlag.stderr).toBe('lcube: 未知命令“frobnicate”。参见：lcube --help\n')
    const byEnv = await lcube(['device', 'simulate', '/tmp/x'], await isolatedEnv({ LANG: 'zh_CN.UTF-8' }))
    expect(byEnv.stderr).toMatch(/必须指定 --model/)
  })

  it('--json turns errors into one JSON line on stderr', async () => {
    const run = await lcube(['device', 'simulate', '/tmp/x', '--json'], await isolatedEnv())
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'USAGE', message: '--model is required and must be one of mini, ii, iii' } })
  })

  it('refuses to simulate into a non-empty directory or an existing cube', async () => {
    const env = await isolatedEnv()
    const dir = await tempDir()
    expect((await lcube(['device', 'simulate', dir, '--model', 'ii'], env)).code).toBe(0)
    const again = await lcube(['device', 'simulate', dir, '--model', 'ii'], env)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/is already a Lightning Cube/)
  })

  it('every command has --help in both languages', async () => {
    for (const command of COMMANDS) {
      for (const lang of ['en', 'zh']) {
        const run = await lcube([...command.path, '--help', '--lang', lang], await isolatedEnv())
        expect(run.code).toBe(0)
        expect(run.stdout).toContain(`lcube ${command.path.join(' ')}`)
        expect(run.stdout).toContain(command.summary[lang as 'en' | 'zh'])
        expect(run.stdout).toContain('--json')
      }
    }
  })
})

describe('lcube devices', () => {
  it('simulate, then list through LCUBE_DEVICE_PATHS (the real bin, as a user runs it)', async () => {
    const dir = join(await tempDir(), 'c1')
    const env = await isolatedEnv()
    const made = await lcubeProcess(['device', 'simulate', dir, '--model', 'ii'], env)
    expect(made).toMatchObject({ code: 0, stderr: '' })
    const listed = await lcubeProcess(['devices', '--json'], { ...env, LCUBE_DEVICE_PATHS: dir })
    expect(listed.code).toBe(0)
    const devices = JSON.parse(listed.stdout) as Array<Record<string, unknown>>
    expect(devices).toHaveLength(1)
    expect(devices[0]).toMatchObject({ path: dir, model: 'ii', capacityBytes: 100e12, status: 'ok', simulated: true, expansionCabinets: 0 })
    for (const key of ['serial', 'usedBytes', 'freeBytes', 'fsType']) expect(devices[0]).toHaveProperty(key)
  })

  it('add and remove keep registered paths in the config dir', async () => {
    const env = await isolatedEnv()
    const dir = join(await tempDir(), 'cube')
    const added = await lcube(['device', 'add', dir], env)
    expect(added.code).toBe(0)
    expect(added.stderr).toMatch(/no Lightning Cube at/)
    expect(JSON.parse(await readFile(join(env.LCUBE_CONFIG_DIR!, 'devices.json'), 'utf8'))).toEqual({ version: 1, paths: [dir] })
    await lcube(['device', 'simulate', dir, '--model', 'iii', '--cabinets', '2', '--capacity', '1.44P', '--serial', 'LC3-TEST'], env)
    const listed = await lcube(['devices'], env)
    expect(listed.stdout).toMatch(/LC3-TEST/)
    expect(listed.stdout).toMatch(/III \+2/)
    expect(listed.stdout).toMatch(/1\.44 PB/)
    expect((await lcube(['device', 'remove', dir], env)).code).toBe(0)
    expect(JSON.parse((await lcube(['devices', '--json'], env)).stdout)).toEqual([])
  })

  it('--watch prints a JSON line per plug and unplug and exits 130 on SIGINT', async () => {
    const root = await tempDir()
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...(await isolatedEnv({ LCUBE_MOUNT_ROOTS: root })) }
    const child = spawn(process.execPath, [LCUBE_BIN, 'devices', '--watch', '--json'], { env })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const lines = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; device?: { path: string } })
    await waitFor(() => (lines().length >= 1 ? true : undefined), 20_000, 'initial list')
    expect(lines()[0]).toEqual({ event: 'list', devices: [] })
    await lcube(['device', 'simulate', join(root, 'cube'), '--model', 'mini'], env)
    await waitFor(() => lines().find((l) => l.event === 'plugged'), 10_000, 'plugged line')
    const { rm } = await import('node:fs/promises')
    await rm(join(root, 'cube'), { recursive: true })
    await waitFor(() => lines().find((l) => l.event === 'unplugged'), 10_000, 'unplugged line')
    expect(lines().map((l) => [l.event, l.device?.path])).toEqual([
      ['list', undefined],
      ['plugged', join(root, 'cube')],
      ['unplugged', join(root, 'cube')],
    ])
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve)
      child.kill('SIGINT')
    })
    expect(code).toBe(EXIT.INTERRUPTED)
  })
})
