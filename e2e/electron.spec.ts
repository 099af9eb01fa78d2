import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import { makeSourceTree } from './helpers/source-tree'
import { describeWorkflow, type WorkflowContext } from './helpers/workflow'

const root = join(import.meta.dirname, '..')
const electronDir = join(root, 'node_modules', 'electron')

function electronBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const exe = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : undefined
}

const binary = electronBinary()
if (!binary) {
  console.warn('[e2e] Electron mode skipped: no Electron binary in node_modules/electron (it is downloaded from the internet on first run). Browser mode runs the same workflow against the same service.')
}

describe.skipIf(!binary)('Electron mode', () => {
  let app: ElectronApplication
  let ctx: WorkflowContext
  beforeAll(async () => {
    execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
    const scratch = await mkdtemp(join(tmpdir(), 'lcube-e2e-electron-'))
    const source = join(scratch, 'source')
    const { files } = await makeSourceTree(source)
    const configDir = join(scratch, 'config')
    const { _electron } = await import('playwright-core')
    app = await _electron.launch({
      executablePath: binary!,
      args: [root],
      env: { ...process.env, LANG: 'en_US.UTF-8', LCUBE_CONFIG_DIR: configDir, LCUBE_MOUNT_ROOTS: join(scratch, 'mounts'), LCUBE_MOUNT_TABLE: '', LCUBE_SCRYPT_LOGN: '12' },
    })
    const page = await app.firstWindow()
    await page.getByTestId('devices-screen').waitFor()
    ctx = { page, scratch, source, files, configDir, mode: 'electron' }
  })
  afterAll(async () => {
    await app?.close()
    if (ctx) await rm(ctx.scratch, { recursive: true, force: true })
  })

  describeWorkflow('The whole migration in the desktop app', () => ctx)
})
