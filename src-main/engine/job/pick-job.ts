import { LcubeError } from '../errors'
import { listJobNames } from './open-job'

/** The job to act on: the one named, or the only job on the cube. */
export async function pickJob(cubeDir: string, name: string | undefined): Promise<string> {
  if (name) return name
  const jobs = await listJobNames(cubeDir)
  if (jobs.length === 1) return jobs[0]!
  if (jobs.length === 0) throw new LcubeError('NOT_FOUND', { en: `No jobs on the cube at ${cubeDir}`, zh: `${cubeDir} 上没有作业` })
  throw new LcubeError('USAGE', { en: `The cube holds several jobs (${jobs.join(', ')}): choose one with --job`, zh: `设备上有多个作业（${jobs.join('、')}）：请用 --job 指定` })
}
