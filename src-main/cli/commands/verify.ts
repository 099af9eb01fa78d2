import { formatBytes } from '../../../src-shared/size'
import { runVerify } from '../../engine/read/verify'
import type { Command } from '../command'
import { EXIT } from '../exit-codes'
import { cubeAndJob, jobPassword } from '../job-args'
import { LcubeError } from '../../engine/errors'
import { JOB_OPTIONS } from './copy'

export const verifyCommand: Command = {
  path: ['verify'],
  summary: { en: 'Decrypt and check a job: every pack, every file\'s SHA-256 and CRC-64; optionally against the source', zh: '解密并检查作业：每个数据包、每个文件的 SHA-256 与 CRC-64；可与源目录比对' },
  usage: 'CUBE [--job NAME] [--password-file F] [--source SRC...] [--sample PCT]',
  positionals: { min: 1, max: 1, names: 'CUBE' },
  options: {
    ...JOB_OPTIONS,
    source: { type: 'string', multiple: true, value: 'SRC', help: { en: 'also compare with these source folders (repeat for several)', zh: '同时与这些源目录比对（可重复）' } },
    sample: { type: 'string', value: 'PCT', help: { en: 'check only this percentage of files (packs are always checked whole)', zh: '仅抽查此百分比的文件（数据包总是完整检查）' } },
  },
  details: { en: 'Exit 0 clean, 1 differences, 3 wrong password, 4 corruption (naming the files, pack and offset).', zh: '退出码：0 无问题，1 存在差异，3 密码错误，4 检测到损坏（列出文件、数据包与偏移）。' },
  async run(ctx) {
    const { args, json, lang, out, signal } = ctx
    const { cubeDir, jobName } = await cubeAndJob(ctx)
    const sample = args.values.sample === undefined ? undefined : Number(args.values.sample)
    if (sample !== undefined && !(sample > 0 && sample <= 100)) throw new LcubeError('USAGE', { en: '--sample must be a percentage above 0 and at most 100', zh: '--sample 必须是大于 0 且不超过 100 的百分比' })
    const password = await jobPassword(ctx)
    const sources = Array.isArray(args.values.source) ? (args.values.source as string[]) : undefined
    const result = await runVerify({ cubeDir, jobName, password, sources, samplePercent: sample, signal })
    const c = result.counts
    if (json) out.json({ ...result, issues: result.issues.map((i) => ({ ...i, detail: i.detail[lang] })) })
    else {
      out.line(lang === 'zh'
        ? `作业 ${jobName}：检查了 ${result.packsChecked} 个数据包、${result.filesChecked} 个文件（${formatBytes(result.bytesChecked)}）${result.sampled ? '（抽查）' : ''}`
        : `Job ${jobName}: checked ${result.packsChecked} packs, ${result.filesChecked} files (${formatBytes(result.bytesChecked)})${result.sampled ? ' (sample)' : ''}`)
      for (const issue of result.issues.slice(0, 50)) out.line(`  [${issue.kind}] ${issue.path ? `${issue.path}: ` : ''}${issue.detail[lang]}`)
      if (result.issues.length > 50) out.line(lang === 'zh' ? `  ……共 ${result.issues.length} 项（--json 查看）` : `  … ${result.issues.length} in all (see --json)`)
      const clean = c.corrupt + c.differ + c.missing + c['not-copied'] + c.incomplete === 0
      out.line(clean ? (lang === 'zh' ? '结果：无问题' : 'Result: clean') : lang === 'zh' ? `结果：损坏 ${c.corrupt}，不同 ${c.differ}，缺失 ${c.missing}，未拷贝 ${c['not-copied']}，未完成 ${c.incomplete}` : `Result: corrupt ${c.corrupt}, differ ${c.differ}, missing ${c.missing}, not copied ${c['not-copied']}, incomplete ${c.incomplete}`)
    }
    if (c.corrupt > 0) return EXIT.CORRUPT
    return c.differ + c.missing + c['not-copied'] + c.incomplete > 0 ? EXIT.DIFFERENCES : EXIT.OK
  },
}
