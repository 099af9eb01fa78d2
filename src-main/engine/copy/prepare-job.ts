import { hostname } from 'node:os'
import { LcubeError } from '../errors'
import { readJobConfig, writeJobConfig } from '../job/job-config'
import { jobPaths } from '../job/job-paths'
import { checkNewPassword } from '../job/password-policy-check'
import { createJob, jobExists, openJob, type OpenedJob } from '../job/open-job'
import type { CopyOptions } from './copy-job'
import type { SourceRoot } from './sources'

/** Opens the job for writing, creating it if new; refuses a different source list for an existing job. */
export async function prepareJob(options: CopyOptions, roots: ReadonlyArray<SourceRoot>): Promise<OpenedJob> {
  const paths = jobPaths(options.cubeDir, options.jobName)
  let job: OpenedJob
  if (await jobExists(paths)) job = await openJob(options.cubeDir, options.jobName, options.password)
  else {
    checkNewPassword(options.password, options.weakPasswordOk, options.onNote)
    job = await createJob(options.cubeDir, options.jobName, options.password, { packTargetBytes: options.packTargetBytes, partBytes: options.partBytes, kdf: options.kdf })
  }
  const sources = roots.map((r) => r.abs)
  const config = await readJobConfig(paths.config, job.keys.manifest, job.keys.jobId)
  if (!config) await writeJobConfig(paths.config, { sources, transferSymlinks: options.transferSymlinks, createdBy: hostname() }, job.keys.manifest, job.keys.jobId)
  else if (JSON.stringify(config.sources) !== JSON.stringify(sources)) {
    job.keys.wipe()
    throw new LcubeError('USAGE', {
      en: `Job "${options.jobName}" was started with the sources ${config.sources.join(', ')}; to resume it give the same sources, or pick a new --job name`,
      zh: `作业“${options.jobName}”创建时的源目录为 ${config.sources.join('、')}；续传请使用相同的源目录，或换一个 --job 作业名`,
    })
  }
  return job
}
