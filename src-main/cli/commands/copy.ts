import { availableParallelism } from 'node:os'
import { runCopy } from '../../engine/copy/copy-job'
import { checkpointPolicyFromEnv } from '../../engine/copy/job-writer'
import { scryptParamsForNewSlot } from '../../engine/format/kdf'
import { checkJobName, defaultJobName } from '../../engine/job/job-paths'
import type { Command } from '../command'
import { cubeDirArg, intArg, rateArg, stringArg } from '../cube-arg'
import { progressLine, summaryLines } from '../copy-output'
import { EXIT } from '../exit-codes'
import { jobPassword } from '../job-args'
import { jobExists } from '../../engine/job/open-job'
import { jobPaths } from '../../engine/job/job-paths'

export const JOB_OPTIONS = {
  'password-file': { type: 'string', value: 'F', help: { en: 'read the password from file F (else LCUBE_PASSWORD, else a prompt)', zh: '从文件 F 读取密码（否则用 LCUBE_PASSWORD，否则提示输入）' } },
  job: { type: 'string', value: 'NAME', help: { en: 'job name (default: the only job on the cube)', zh: '作业名（默认：设备上唯一的作业）' } },
} as const

export const copyCommand: Command = {
  path: ['copy'],
  summary: { en: 'Copy sources onto a cube: compressed, encrypted, resumable', zh: '将源目录拷贝到设备：压缩、加密、可续传' },
  usage: 'SRC... --to CUBE [--job NAME] [--password-file F] [--threads N] [--bwlimit RATE] [--level N] [--transfer-symlinks]',
  positionals: { min: 1, max: 64, names: 'SRC...' },
  options: {
    to: { type: 'string', value: 'CUBE', help: { en: 'the cube (its mount point or folder)', zh: '目标设备（挂载点或目录）' } },
    ...JOB_OPTIONS,
    job: { type: 'string', value: 'NAME', help: { en: 'job name (default: the first source folder\'s name); re-running with the same name resumes', zh: '作业名（默认取第一个源目录名）；同名再次运行即续传' } },
    threads: { type: 'string', value: 'N', help: { en: 'worker threads (default: CPU cores)', zh: '工作线程数（默认：CPU 核数）' } },
    bwlimit: { type: 'string', value: 'RATE', help: { en: 'cap source reads, bytes per second, e.g. 100M', zh: '限制源读取速率（字节/秒），如 100M' } },
    level: { type: 'string', value: 'N', help: { en: 'zstd level 1–19 (default 3); 0 stores without compression', zh: 'zstd 压缩级别 1–19（默认 3）；0 表示不压缩直接存储' } },
    'transfer-symlinks': { type: 'boolean', help: { en: 'copy symbolic links as links (default: skip and report)', zh: '将符号链接作为链接拷贝（默认：跳过并报告）' } },
    'weak-password-ok': { type: 'boolean', help: { en: 'accept a password below the policy (tests only; prints a warning)', zh: '接受不符合策略的密码（仅供测试，会打印警告）' } },
  },
  details: {
    en: 'Sources must be existing folders. Progress is one live line on a terminal, JSON lines with --json. Ctrl+C stops at a clean checkpoint (exit 130); the same command resumes. Exit 1 when some files changed during the copy or could not be read.',
    zh: '源必须是已存在的目录。终端中显示一行实时进度，--json 时输出 JSON 行。Ctrl+C 会在检查点处安全停止（退出码 130），再次运行同一命令即续传。有文件在拷贝期间变化或无法读取时退出码为 1。',
  },
  async run(ctx) {
    const { args, env, json, lang, out, signal, t } = ctx
    const cubeDir = cubeDirArg(args.values.to)
    const sources = [...args.positionals]
    const jobName = checkJobName(stringArg(args.values.job) ?? defaultJobName(sources[0]!))
    const isNew = !(await jobExists(jobPaths(cubeDir, jobName)))
    const password = await jobPassword(ctx, isNew)
    const live = !json && out.isTTY
    const summary = await runCopy({
      sources,
      cubeDir,
      jobName,
      password,
      threads: intArg('threads', args.values.threads, 1, 256) ?? availableParallelism(),
      level: intArg('level', args.values.level, 0, 19) ?? 3,
      bwlimit: rateArg(args.values.bwlimit),
      transferSymlinks: args.values['transfer-symlinks'] === true,
      weakPasswordOk: args.values['weak-password-ok'] === true,
      checkpoint: checkpointPolicyFromEnv(env),
      kdf: scryptParamsForNewSlot(env),
      signal,
      progressIntervalMs: json ? 1000 : 250,
      onNote: (text) => (json ? out.json({ event: 'note', message: text[lang] }) : out.warn(t(text))),
      onProgress: (p) => {
        if (json) out.json({ event: 'progress', ...p })
        else if (live) process.stdout.write(`\r\x1b[K${progressLine(p, lang)}`)
      },
    })
    if (live) process.stdout.write('\r\x1b[K')
    if (json) out.json({ event: 'summary', ...summary, problems: summary.problems.map((p) => ({ ...p, reason: p.reason[lang] })), notes: summary.notes.map((n) => n[lang]) })
    else for (const line of summaryLines(summary, lang)) out.line(line)
    if (summary.status === 'interrupted') return EXIT.INTERRUPTED
    return summary.changed + summary.errors > 0 ? EXIT.DIFFERENCES : EXIT.OK
  },
}
