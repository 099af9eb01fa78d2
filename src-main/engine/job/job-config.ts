import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../atomic-write'
import { LcubeError } from '../errors'
import { counterNonce, open, seal } from '../format/aead'
import { fileKey, randomSecret, wipe } from '../format/keys'

/** What a job was started with; kept encrypted on the cube (paths are metadata too). */
export type JobConfig = Readonly<{ sources: ReadonlyArray<string>; transferSymlinks: boolean; createdBy: string }>

export async function writeJobConfig(path: string, config: JobConfig, manifestKey: Buffer, jobId: Buffer): Promise<void> {
  const salt = randomSecret(32)
  const key = fileKey(manifestKey, salt, 'lcube/v1/config')
  const sealed = seal(key, counterNonce(0), Buffer.from(JSON.stringify(config)), jobId)
  wipe(key)
  await writeFileAtomic(path, Buffer.concat([salt, sealed]))
}

export async function readJobConfig(path: string, manifestKey: Buffer, jobId: Buffer): Promise<JobConfig | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const key = fileKey(manifestKey, bytes.subarray(0, 32), 'lcube/v1/config')
  const plain = open(key, counterNonce(0), bytes.subarray(32), jobId)
  wipe(key)
  if (!plain) throw new LcubeError('CORRUPT', { en: `${path}: job configuration fails authentication`, zh: `${path}：作业配置认证失败` })
  return JSON.parse(plain.toString('utf8')) as JobConfig
}
