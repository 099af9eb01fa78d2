import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project root, found by walking up from this module to package.json. Works from the sources
 * (tsx) and from the bundled out/ folder alike.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

export function rendererBuildDir(): string {
  return join(appRoot(), 'out', 'renderer')
}
