import { resolve } from 'node:path'
import { pickJob } from '../engine/job/pick-job'
import { requireCube } from '../engine/job/open-job'
import type { CommandContext } from './command'
import { stringArg } from './cube-arg'
import { readPassword } from './password-input'

/** The job password: --password-file, else LCUBE_PASSWORD, else a no-echo prompt (asked twice for a new job). */
export function jobPassword(ctx: Pick<CommandContext, 'args' | 'env' | 'lang'>, confirm = false): Promise<string> {
  return readPassword({ file: stringArg(ctx.args.values['password-file']), envName: 'LCUBE_PASSWORD', env: ctx.env, lang: ctx.lang, label: { en: 'job password', zh: '作业密码' }, confirm })
}

/** CUBE (the first argument, checked to be a cube) and the job on it (--job, or the only one). */
export async function cubeAndJob(ctx: Pick<CommandContext, 'args'>): Promise<{ cubeDir: string; jobName: string }> {
  const cubeDir = resolve(ctx.args.positionals[0]!)
  await requireCube(cubeDir)
  return { cubeDir, jobName: await pickJob(cubeDir, stringArg(ctx.args.values.job)) }
}
