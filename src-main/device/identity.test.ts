import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lcubeProcess } from '../../test/helpers/cli'
import { tempDir } from '../../test/helpers/temp'
import { detectDevices } from './detect'
import { IDENTITY_FILE, readIdentity } from './identity'

const valid = {
  format: 'lightning-cube-identity',
  formatVersion: 1,
  model: 'ii',
  serial: 'LC2-0001',
  capacityBytes: 100e12,
  expansionCabinets: 0,
  simulated: true,
}

async function cubeWith(content: string | Record<string, unknown>): Promise<string> {
  const dir = await tempDir()
  await writeFile(join(dir, IDENTITY_FILE), typeof content === 'string' ? content : JSON.stringify(content))
  return dir
}

async function detectOne(dir: string) {
  const devices = await detectDevices({ mountRoots: [], mountTablePath: null, fixedCandidates: [], envPaths: [dir], registeredPaths: [], withUsage: true })
  expect(devices).toHaveLength(1)
  return devices[0]!
}

describe('identity file', () => {
  it('reads a valid identity', async () => {
    const read = await readIdentity(await cubeWith(valid))
    expect(read).toEqual({ kind: 'ok', identity: valid })
  })

  it('is absent in a plain directory', async () => {
    expect(await readIdentity(await tempDir())).toEqual({ kind: 'absent' })
  })

  const badCases: Array<[string, string | Record<string, unknown>, string]> = [
    ['garbage bytes', '\u0000\u00ff not json {', 'not valid JSON'],
    ['empty file', '', 'not valid JSON'],
    ['a JSON array', '[1,2]', 'not a JSON object'],
    ['wrong format tag', { ...valid, format: 'something-else' }, '"format" must be'],
    ['missing version', { ...valid, formatVersion: undefined }, '"formatVersion" is missing'],
    ['unknown newer version', { ...valid, formatVersion: 2 }, 'format version 2 is newer'],
    ['missing model', { ...valid, model: undefined }, '"model" must be one of'],
    ['unknown model', { ...valid, model: 'iv' }, '"model" must be one of'],
    ['missing serial', { ...valid, serial: undefined }, '"serial" is missing or invalid'],
    ['serial with slash', { ...valid, serial: '../x' }, '"serial" is missing or invalid'],
    ['missing capacity', { ...valid, capacityBytes: undefined }, '"capacityBytes" is missing'],
    ['negative capacity', { ...valid, capacityBytes: -1 }, '"capacityBytes" is missing'],
    ['fractional capacity', { ...valid, capacityBytes: 1.5 }, '"capacityBytes" is missing'],
    ['cabinets on model ii', { ...valid, expansionCabinets: 1 }, 'only model iii takes expansion cabinets'],
    ['too many cabinets', { ...valid, model: 'iii', expansionCabinets: 99 }, '"expansionCabinets" must be an integer'],
    ['simulated not boolean', { ...valid, simulated: 'yes' }, '"simulated" must be true or false'],
  ]

  it.each(badCases)('%s is listed as unrecognised with a reason', async (_name, content, reason) => {
    const device = await detectOne(await cubeWith(content))
    expect(device.status).toBe('unrecognised')
    expect(device.reason?.en).toContain(reason)
    expect(device.reason?.zh.length).toBeGreaterThan(0)
    expect(device.model).toBeUndefined()
  })

  it('an identity that is a directory is unrecognised', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, IDENTITY_FILE))
    const device = await detectOne(dir)
    expect(device.status).toBe('unrecognised')
    expect(device.reason?.en).toBe(`${IDENTITY_FILE} is not a regular file`)
  })

  it('an oversized identity is unrecognised without being parsed', async () => {
    const device = await detectOne(await cubeWith(`{"pad":"${'x'.repeat(70 * 1024)}"}`))
    expect(device.reason?.en).toMatch(/too large/)
  })

  it('an unreadable identity is unrecognised (read as an unprivileged user)', async (ctx) => {
    if (process.platform === 'win32' || process.getuid?.() !== 0) {
      ctx.skip()
      return
    }
    const dir = await cubeWith(valid)
    await chmod(dir, 0o755)
    await chmod(join(dir, IDENTITY_FILE), 0o600)
    const configDir = await tempDir()
    await chmod(configDir, 0o777)
    const run = await lcubeProcess(['devices', '--json'], { LCUBE_DEVICE_PATHS: dir, LCUBE_CONFIG_DIR: configDir, LCUBE_MOUNT_ROOTS: '', LCUBE_MOUNT_TABLE: '' }, { uid: 65534, gid: 65534 })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const devices = JSON.parse(run.stdout) as Array<{ status: string; reason: string; path: string }>
    expect(devices).toEqual([expect.objectContaining({ path: dir, status: 'unrecognised', reason: `cannot read ${IDENTITY_FILE}: EACCES` })])
  })
})
