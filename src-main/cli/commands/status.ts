import { formatBytes } from '../../../src-shared/size'
import { cubeStatus } from '../../engine/job/job-status'
import { requireCube } from '../../engine/job/open-job'
import type { Command } from '../command'
import { EXIT } from '../exit-codes'
import { resolve } from 'node:path'

const STATE_ZH = { complete: '已完成', copying: '拷贝中', interrupted: '已中断（可续传）', damaged: '已损坏' } as const

export const statusCommand: Command = {
  path: ['status'],
  summary: { en: 'Jobs on a cube: state, files and bytes done, last checkpoint (no password needed)', zh: '设备上的作业：状态、已完成的文件与字节、最后检查点（无需密码）' },
  usage: 'CUBE [--json]',
  positionals: { min: 1, max: 1, names: 'CUBE' },
  options: {},
  async run({ args, json, lang, out }) {
    const cubeDir = resolve(args.positionals[0]!)
    await requireCube(cubeDir)
    const jobs = await cubeStatus(cubeDir)
    if (json) {
      out.json(jobs)
      return EXIT.OK
    }
    if (jobs.length === 0) out.line(lang === 'zh' ? '设备上还没有作业。' : 'No jobs on this cube yet.')
    for (const job of jobs) {
      const state = lang === 'zh' ? STATE_ZH[job.state] : job.state
      const total = job.filesTotal !== undefined ? ` / ${job.filesTotal}` : ''
      const bytesTotal = job.bytesTotal !== undefined ? ` / ${formatBytes(job.bytesTotal)}` : ''
      out.line(`${job.name}  [${state}]`)
      out.line(lang === 'zh'
        ? `  文件 ${job.filesDone}${total}，数据 ${formatBytes(job.bytesDone)}${bytesTotal}，设备占用 ${formatBytes(job.bytesOnCube)}（${job.packs} 个数据包）`
        : `  files ${job.filesDone}${total}, data ${formatBytes(job.bytesDone)}${bytesTotal}, on cube ${formatBytes(job.bytesOnCube)} (${job.packs} packs)`)
      if (job.lastCheckpointAt) out.line(`  ${lang === 'zh' ? '最后检查点' : 'last checkpoint'}: ${job.lastCheckpointAt}`)
      if (job.keyFingerprint) out.line(`  ${lang === 'zh' ? '密钥指纹' : 'key fingerprint'}: ${job.keyFingerprint}`)
      if (job.writer) out.line(`  ${lang === 'zh' ? '写入进程' : 'writer'}: pid ${job.writer.pid} @ ${job.writer.host}`)
      if (job.problem) out.line(`  ${job.problem}`)
    }
    return EXIT.OK
  },
}
