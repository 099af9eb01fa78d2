import { existsSync } from 'node:fs'

export type WorkerScript = Readonly<{ url: URL; workerData?: { entry: string } }>

/**
 * Where a worker's code is. Built app: `<name>.js`, its own electron-vite entry, beside the bundle (this
 * code may sit in out/main/chunks/). From sources (tsx): worker-boot.mjs, which loads tsx and then `source`.
 */
export function workerScript(name: string, source: URL): WorkerScript {
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const built = new URL(candidate, import.meta.url)
    if (existsSync(built)) return { url: built }
  }
  return { url: new URL('./worker-boot.mjs', import.meta.url), workerData: { entry: source.href } }
}
