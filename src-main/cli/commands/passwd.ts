import { LcubeError } from '../../engine/errors'
import { keyFingerprint } from '../../engine/format/keys'
import { changeKeySlots, type SlotChange } from '../../engine/job/passwd'
import { scryptParamsForNewSlot } from '../../engine/format/kdf'
import { cubeAndJob } from '../job-args'
import type { Command } from '../command'
import { intArg, stringArg } from '../cube-arg'
import { EXIT } from '../exit-codes'
import { readPassword } from '../password-input'
import { JOB_OPTIONS } from './copy'

export const passwdCommand: Command = {
  path: ['passwd'],
  summary: { en: 'Change a job\'s password, or add/remove a key slot, without re-encrypting data', zh: '修改作业密码，或增删密钥槽，无需重新加密数据' },
  usage: 'CUBE [--job NAME] [--password-file F] [--new-password-file F] [--add-slot | --remove-slot ID]',
  positionals: { min: 1, max: 1, names: 'CUBE' },
  options: {
    ...JOB_OPTIONS,
    'new-password-file': { type: 'string', value: 'F', help: { en: 'the new password from file F (else LCUBE_NEW_PASSWORD, else a prompt asked twice)', zh: '从文件 F 读取新密码（否则用 LCUBE_NEW_PASSWORD，否则提示输入两次）' } },
    'add-slot': { type: 'boolean', help: { en: 'add the new password as another slot; the current one keeps working', zh: '将新密码添加为另一个密钥槽；当前密码仍然有效' } },
    'remove-slot': { type: 'string', value: 'ID', help: { en: 'remove key slot ID (never the last one)', zh: '删除编号为 ID 的密钥槽（不能删除最后一个）' } },
    'weak-password-ok': { type: 'boolean', help: { en: 'accept a new password below the policy (tests only)', zh: '接受不符合策略的新密码（仅供测试）' } },
  },
  async run(ctx) {
    const { args, json, lang, out, env } = ctx
    const { cubeDir, jobName } = await cubeAndJob(ctx)
    const removeId = intArg('remove-slot', args.values['remove-slot'], 1, 1000)
    if (removeId !== undefined && args.values['add-slot']) throw new LcubeError('USAGE', { en: 'Use either --add-slot or --remove-slot', zh: '--add-slot 与 --remove-slot 只能选一个' })
    const password = await readPassword({ file: stringArg(args.values['password-file']), envName: 'LCUBE_PASSWORD', env, lang, label: { en: 'current password', zh: '当前密码' }, confirm: false })
    let change: SlotChange
    if (removeId !== undefined) change = { kind: 'remove', slotId: removeId }
    else {
      const newPassword = await readPassword({ file: stringArg(args.values['new-password-file']), envName: 'LCUBE_NEW_PASSWORD', env, lang, label: { en: 'new password', zh: '新密码' }, confirm: true })
      change = { kind: args.values['add-slot'] ? 'add' : 'change', newPassword }
    }
    const header = await changeKeySlots(cubeDir, jobName, password, change, { weakOk: args.values['weak-password-ok'] === true, kdf: scryptParamsForNewSlot(env) })
    const fingerprint = keyFingerprint(Buffer.from(header.keyCheck, 'base64'))
    if (json) out.json({ job: jobName, slots: header.slots.map((s) => s.id), keyFingerprint: fingerprint })
    else out.line(lang === 'zh' ? `作业 ${jobName} 的密钥槽已更新：${header.slots.map((s) => s.id).join('、')}（密钥指纹不变：${fingerprint}）` : `Key slots of job ${jobName} updated: ${header.slots.map((s) => s.id).join(', ')} (key fingerprint unchanged: ${fingerprint})`)
    return EXIT.OK
  },
}
