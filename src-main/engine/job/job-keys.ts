import { jobIdBytes, type JobHeader } from '../format/header'
import { subkey, wipe } from '../format/keys'

/** The subkeys a job uses, derived once from the master key; wipe() zeroes all of them. */
export type JobKeys = Readonly<{ jobId: Buffer; data: Buffer; index: Buffer; manifest: Buffer; wipe(): void }>

export function deriveJobKeys(header: JobHeader, master: Buffer): JobKeys {
  const jobId = jobIdBytes(header)
  const keys = { jobId, data: subkey(master, jobId, 'data'), index: subkey(master, jobId, 'index'), manifest: subkey(master, jobId, 'manifest') }
  return { ...keys, wipe: () => wipe(keys.data, keys.index, keys.manifest) }
}
