import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createSimulatedCube } from '../../src-main/device/simulate'
import { tempDir } from './temp'

export const PASSWORD = 'Str0ng!Passw0rd'

/** Low scrypt cost for tests (the bound check and the format are the same), fast checkpoints, no user config. */
export async function testEnv(extra: NodeJS.ProcessEnv = {}, scope: 'test' | 'file' = 'test'): Promise<NodeJS.ProcessEnv> {
  return { LCUBE_SCRYPT_LOGN: '10', LCUBE_CONFIG_DIR: await tempDir('lcube-config-', scope), LCUBE_MOUNT_ROOTS: '', LCUBE_MOUNT_TABLE: '', ...extra }
}

export async function makeCube(capacityBytes?: number, scope: 'test' | 'file' = 'test'): Promise<string> {
  const dir = join(await tempDir('lcube-cube-', scope), 'cube')
  await createSimulatedCube({ dir, model: 'ii', ...(capacityBytes ? { capacityBytes } : {}) })
  return dir
}

export async function passwordFile(password = PASSWORD, scope: 'test' | 'file' = 'test'): Promise<string> {
  const file = join(await tempDir('lcube-pw-', scope), 'pw.txt')
  await writeFile(file, `${password}\n`)
  return file
}
