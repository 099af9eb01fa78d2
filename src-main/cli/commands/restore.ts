import { resolve } from 'node:path'
import { formatBytes } from '../../../src-shared/size'
import { runRestore } from '../../engine/read/restore'
import { LcubeError } from '../../engine/errors'
import type { Command } from '../command'
import { stringArg } from '../cube-arg'
import { EXIT } from '../exit-codes'
import { cubeAndJob, jobPassword } from '../job-args'
import { JOB_OPTIONS } from './copy'

export const restoreCommand: Command = {
  path: ['restore'],
  summary: { en: 'Decrypt a job into a folder: byte-exact files, empty folders, mtimes; resumable', zh: '将作业解密到目录：逐字节一致的文件、空目录与修改时间；可续传' },
  usage: 'CUBE --to DIR [--job NAME] [--password-file F] [--only GLOB]',
  positionals: { min: 1, max: 1, names: 'CUBE' },
  options: {
    to: { type: 'string', value: 'DIR', help: { en: 'target folder (created if needed)', zh: '目标目录（不存在则创建）' } },
    ...JOB_OPTIONS,
    only: { type: 'string', value: 'GLOB', help: { en: 'restore only matching paths, e.g. "docs/**" or "*.pdf"', zh: '仅恢复匹配的路径，如 "docs/**" 或 "*.pdf"' } },
  },
  details: { en: 'Never writes outside DIR, whatever the job says. Re-running skips files already restored. Exit 4 if any file fails its hashes or a path is refused.', zh: '无论作业内容如何，都不会写到 DIR 之外。再次运行会跳过已恢复的文件。任何文件哈希不符或路径被拒绝时退出码为 4。' },
  async run(ctx) {
    const { args, json, lang, out, signal } = ctx
    const to = stringArg(args.values.to)
    if (!to) throw new LcubeError('USAGE', { en: 'Name the target folder with --to DIR', zh: '请用 --to 指定目标目录' })
    const { cubeDir, jobName } = await cubeAndJob(ctx)
    const password = await jobPassword(ctx)
    const result = await runRestore({ cubeDir, jobName, password, targetDir: resolve(to), only: stringArg(args.values.only), signal })
    if (json) out.json({ ...result, refused: result.refused.map((r) => ({ ...r, reason: r.reason[lang] })), corrupt: result.corrupt.map((r) => ({ ...r, reason: r.reason[lang] })) })
    else {
      out.line(lang === 'zh'
        ? `已恢复 ${result.files} 个文件（${formatBytes(result.bytes)}）、${result.dirs} 个目录、${result.symlinks} 个链接到 ${resolve(to)}；已存在而跳过 ${result.alreadyPresent} 个`
        : `Restored ${result.files} files (${formatBytes(result.bytes)}), ${result.dirs} folders, ${result.symlinks} links into ${resolve(to)}; ${result.alreadyPresent} already present`)
      if (result.notCopied > 0) out.line(lang === 'zh' ? `  不在设备上的条目（按规则跳过、拷贝时变化或无法读取）：${result.notCopied}` : `  entries not on the cube (skipped by the rules, changed or unreadable at copy time): ${result.notCopied}`)
      for (const r of [...result.refused, ...result.corrupt].slice(0, 50)) out.line(`  ${r.path}: ${r.reason[lang]}`)
    }
    if (result.status === 'interrupted') return EXIT.INTERRUPTED
    return result.refused.length + result.corrupt.length > 0 ? EXIT.CORRUPT : EXIT.OK
  },
}
