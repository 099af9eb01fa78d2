import { join } from 'node:path'
import { LcubeError } from '../errors'

export const JOBS_DIR = 'jobs'
export const PACKS_DIR = 'packs'
export const INDEX_DIR = 'index'
export const MANIFEST_FILE = 'manifest.lcm'
export const CONFIG_FILE = 'config.lcs'

const JOB_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u

export function checkJobName(name: string): string {
  if (!JOB_NAME.test(name)) {
    throw new LcubeError('USAGE', {
      en: `Invalid job name "${name}": 1–64 letters, digits, dot, dash or underscore, starting with a letter or digit`,
      zh: `无效的作业名“${name}”：1–64 个字母、数字、点、短横线或下划线，且以字母或数字开头`,
    })
  }
  return name
}

/** A default job name from the first source's folder name, so re-running the same command finds the same job. */
export function defaultJobName(firstSource: string): string {
  const base = firstSource.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? ''
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 64)
  return cleaned || 'job'
}

export type JobPaths = Readonly<{ jobDir: string; packs: string; index: string; manifest: string; config: string; journal: string }>

export function jobPaths(cubeDir: string, jobName: string): JobPaths {
  const jobDir = join(cubeDir, JOBS_DIR, jobName)
  return {
    jobDir,
    packs: join(jobDir, PACKS_DIR),
    index: join(jobDir, INDEX_DIR),
    manifest: join(jobDir, MANIFEST_FILE),
    config: join(jobDir, CONFIG_FILE),
    journal: join(jobDir, 'journal.lcj'),
  }
}
