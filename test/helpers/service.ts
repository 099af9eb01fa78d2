import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DeviceRegistry } from '../../src-main/device/registry'
import { AppService } from '../../src-main/service/app-service'
import { startWebBridge, type WebBridge } from '../../src-main/web/web-bridge'
import { tempDir } from './temp'

/** A real service over a temp mount root and config dir, and a web bridge serving a tiny static dir. */
export async function serviceWithBridge(): Promise<{ service: AppService; bridge: WebBridge; mountRoot: string; staticDir: string; dataDir: string; close(): Promise<void> }> {
  const mountRoot = await tempDir()
  const staticDir = await tempDir()
  const dataDir = await tempDir()
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>ok</title>')
  await mkdir(join(staticDir, 'assets'))
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  const service = new AppService({
    devices: { mountRoots: [{ dir: mountRoot, depth: 1 }], mountTablePath: null, fixedCandidates: [], env: {}, registry: new DeviceRegistry(await tempDir()), pollMs: 300 },
    mode: 'web',
    defaultLang: 'en',
    dataDir,
    env: {},
  })
  await service.start()
  const bridge = await startWebBridge({ service, staticDir })
  return {
    service,
    bridge,
    mountRoot,
    staticDir,
    dataDir,
    async close() {
      await bridge.close()
      await service.stop()
    },
  }
}
