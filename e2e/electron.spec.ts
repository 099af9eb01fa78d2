import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, it } from 'vitest'

const electronDir = join(import.meta.dirname, '..', 'node_modules', 'electron')

function electronBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const exe = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : undefined
}

const binary = electronBinary()
if (!binary) {
  console.warn('[e2e] Electron mode skipped: no Electron binary in node_modules/electron (it is downloaded from the internet on first run). Browser mode covers the same screens.')
}

describe.skipIf(!binary)('Devices screen in Electron mode', () => {
  beforeAll(() => {
    execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' })
  })

  it('opens the window, which lists devices through the preload bridge', async () => {
    const { _electron } = await import('playwright-core')
    const app = await _electron.launch({ executablePath: binary!, args: [join(import.meta.dirname, '..')] })
    const window = await app.firstWindow()
    await window.getByTestId('devices-screen').waitFor()
    await app.close()
  })
})
