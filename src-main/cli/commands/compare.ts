import { COMPARE_MODES, type CompareMode } from '../../../src-shared/compare-types'
import { compareJsonChunks, exportCompare } from '../../engine/compare/compare-export'
import { runCompare } from '../../engine/compare/run-compare'
import { LcubeError } from '../../engine/errors'
import { reportFormat } from '../../engine/report/report-file'
import { chromiumPrinter } from '../../engine/report/report-file'
import type { Command } from '../command'
import { compareProgressLine, compareSummaryLines } from '../compare-output'
import { intArg, stringArg } from '../cube-arg'
import { EXIT } from '../exit-codes'
import { writeJsonReport } from '../json-report'
import { jobPassword } from '../job-args'

export const compareCommand: Command = {
  path: ['compare'],
  summary: { en: 'Compare sources with a cube, a directory, an OSS inventory or listing, or an S3 endpoint; "safe to delete" verdict', zh: '将源与设备、目录、OSS 清单或列表、S3 端点比对；给出“可否删除源数据”结论' },
  usage: 'SRC... --against TARGET [--prefix P] [--mode size|hash|full] [--report FILE]... [--password-file F] [--endpoint URL]',
  positionals: { min: 1, max: 64, names: 'SRC...' },
  options: {
    against: { type: 'string', value: 'TARGET', help: { en: 'cube:PATH[#JOB], a directory, an inventory manifest.json, a listing file (.csv/.jsonl/ossutil ls output, .gz ok), or s3://BUCKET/PREFIX', zh: 'cube:路径[#作业]、目录、清单 manifest.json、列表文件（.csv/.jsonl/ossutil ls 输出，可 .gz），或 s3://存储空间/前缀' } },
    prefix: { type: 'string', value: 'P', help: { en: 'the key prefix the sources were migrated under (as given to scan)', zh: '源数据迁移后的对象名前缀（与 scan 相同）' } },
    mode: { type: 'string', value: 'MODE', help: { en: 'size, hash (default: CRC-64/MD5/SHA-256 as the target offers) or full (compare bytes)', zh: 'size、hash（默认：按目标提供的 CRC-64/MD5/SHA-256）或 full（逐字节比对）' } },
    report: { type: 'string', multiple: true, value: 'FILE', help: { en: 'write the report; .html, .csv (one file per category), .json or .pdf; repeatable', zh: '写出报告：.html、.csv（每类一个文件）、.json 或 .pdf；可重复' } },
    'password-file': { type: 'string', value: 'F', help: { en: 'job password for a cube target (else LCUBE_PASSWORD, else a prompt)', zh: '设备目标的作业密码（否则用 LCUBE_PASSWORD，否则提示输入）' } },
    job: { type: 'string', value: 'NAME', help: { en: 'job on a cube target (or cube:PATH#JOB)', zh: '设备目标上的作业（或 cube:路径#作业）' } },
    endpoint: { type: 'string', value: 'URL', help: { en: 'S3-compatible endpoint for s3:// targets; keys from LCUBE_S3_* / AWS_* / OSS_ACCESS_KEY_* variables', zh: 's3:// 目标的 S3 兼容端点；密钥取自 LCUBE_S3_* / AWS_* / OSS_ACCESS_KEY_* 环境变量' } },
    threads: { type: 'string', value: 'N', help: { en: 'hashing threads (default: CPU cores)', zh: '计算校验值的线程数（默认：CPU 核数）' } },
  },
  details: {
    en: 'Categories: match, differ, missing in target, extra in target, error (could not be checked; never a match). "Safe to delete source" is yes only when every source file matched by content. Exit 0 when everything matches, 1 when anything differs, is missing, extra or unchecked.',
    zh: '类别：一致、不一致、目标缺失、目标多出、错误（未能检查，绝不算一致）。只有全部源文件按内容一致时，“可以删除源数据”才为是。全部一致时退出码 0，有任何不一致、缺失、多出或未检查时为 1。',
  },
  async run(ctx) {
    const { args, json, lang, out, signal, env } = ctx
    const against = stringArg(args.values.against)
    if (!against) throw new LcubeError('USAGE', { en: 'Name the target with --against TARGET', zh: '请用 --against 指定比对目标' })
    const mode = (stringArg(args.values.mode) ?? 'hash') as CompareMode
    if (!COMPARE_MODES.includes(mode)) throw new LcubeError('USAGE', { en: `--mode must be size, hash or full, got "${mode}"`, zh: `--mode 必须是 size、hash 或 full，收到“${mode}”` })
    const reports = (args.values.report as ReadonlyArray<string> | undefined) ?? []
    for (const path of reports) reportFormat(path)
    const live = !json && out.isTTY
    const result = await runCompare({
      sources: [...args.positionals],
      against,
      mode,
      prefix: stringArg(args.values.prefix),
      endpoint: stringArg(args.values.endpoint),
      job: stringArg(args.values.job),
      threads: intArg('threads', args.values.threads, 1, 256),
      env,
      password: () => jobPassword(ctx),
      signal,
      progressIntervalMs: json ? 1000 : 250,
      onProgress: (p) => {
        if (json) out.json({ event: 'progress', ...p })
        else if (live) process.stdout.write(`\r\x1b[K${compareProgressLine(p, lang)}`)
      },
    })
    try {
      if (live) process.stdout.write('\r\x1b[K')
      const written: string[] = []
      for (const path of reports) written.push(...(await exportCompare(result, path, chromiumPrinter(env))))
      if (json) {
        await writeJsonReport(out, compareJsonChunks(result, false), written)
      } else {
        for (const line of compareSummaryLines(result, lang)) out.line(line)
        for (const path of written) out.line(`${lang === 'zh' ? '已写出' : 'wrote'} ${path}`)
      }
      const s = result.core.summary
      return s.differ + s.missingInTarget + s.extraInTarget + s.error === 0 ? EXIT.OK : EXIT.DIFFERENCES
    } finally {
      result.dispose()
    }
  },
}
