import { LcubeError } from '../errors'
import { jobIdBytes, readHeader, unlockHeaderSlot, wrapSlot, writeHeader, type JobHeader, type KeySlot } from '../format/header'
import { scryptParamsForNewSlot, type ScryptParams } from '../format/kdf'
import { wipe } from '../format/keys'
import { jobPaths } from './job-paths'
import { checkNewPassword } from './password-policy-check'
import { acquireJobLock } from './lock'

export type SlotChange =
  | Readonly<{ kind: 'change'; newPassword: string }>
  | Readonly<{ kind: 'add'; newPassword: string }>
  | Readonly<{ kind: 'remove'; slotId: number }>

/**
 * Changes a job's key slots without touching its data: the master key is rewrapped. change replaces the
 * slot the current password opens; add appends one (up to 8); remove drops one, never the last.
 */
export async function changeKeySlots(cubeDir: string, jobName: string, password: string, change: SlotChange, options: { weakOk?: boolean; kdf?: ScryptParams } = {}): Promise<JobHeader> {
  const paths = jobPaths(cubeDir, jobName)
  const lock = await acquireJobLock(paths.jobDir, jobName)
  try {
    const { header } = await readHeader(paths.jobDir)
    const { master, slotId } = await unlockHeaderSlot(header, password)
    try {
      let slots: KeySlot[]
      if (change.kind === 'remove') {
        if (!header.slots.some((s) => s.id === change.slotId)) {
          throw new LcubeError('BAD_INPUT', { en: `No key slot ${change.slotId}; slots are ${header.slots.map((s) => s.id).join(', ')}`, zh: `没有密钥槽 ${change.slotId}；现有密钥槽为 ${header.slots.map((s) => s.id).join('、')}` })
        }
        if (header.slots.length === 1) throw new LcubeError('BAD_INPUT', { en: 'Refusing to remove the last key slot: the data would be lost', zh: '拒绝删除最后一个密钥槽：否则数据将无法解密' })
        slots = header.slots.filter((s) => s.id !== change.slotId)
      } else {
        checkNewPassword(change.newPassword, options.weakOk)
        const id = change.kind === 'change' ? slotId : Math.max(...header.slots.map((s) => s.id)) + 1
        if (change.kind === 'add' && header.slots.length >= 8) throw new LcubeError('BAD_INPUT', { en: 'A job holds at most 8 key slots', zh: '一个作业最多 8 个密钥槽' })
        const slot = await wrapSlot(id, master, change.newPassword, options.kdf ?? scryptParamsForNewSlot(), jobIdBytes(header), header.params)
        slots = change.kind === 'change' ? header.slots.map((s) => (s.id === slotId ? slot : s)) : [...header.slots, slot]
      }
      const updated: JobHeader = { ...header, slots }
      await writeHeader(paths.jobDir, updated)
      return updated
    } finally {
      wipe(master)
    }
  } finally {
    await lock.release()
  }
}
