import { scanJsonChunks, exportScan } from '../../engine/scan/scan-export'
import { reportFormat } from '../../engine/report/report-file'
import { runScan } from '../../engine/scan/run-scan'
import { chromiumPrinter } from '../../engine/report/report-file'
import type { Command } from '../command'
import { intArg, stringArg } from '../cube-arg'
import { EXIT } from '../exit-codes'
import { writeJsonReport } from '../json-report'
import { scanProgressLine, scanSummaryLines } from '../scan-output'

export const scanCommand: Command = {
  path: ['scan'],
  summary: { en: 'Requirement list: totals, rule checks, destination plan, cube count and time estimate', zh: '需求清单：统计、规则检查、迁移规划、设备数量与用时估算' },
  usage: 'SRC... [--out FILE.csv|.json|.html|.pdf]... [--bucket B] [--region R] [--prefix P] [--transfer-symlinks] [--json]',
  positionals: { min: 1, max: 64, names: 'SRC...' },
  options: {
    out: { type: 'string', multiple: true, value: 'FILE', help: { en: 'export the list; the extension picks CSV (3 files, Excel-ready), JSON, HTML or PDF; repeatable', zh: '导出清单；按扩展名选择 CSV（3 个文件，可直接用 Excel 打开）、JSON、HTML 或 PDF；可重复' } },
    bucket: { type: 'string', value: 'B', help: { en: 'destination OSS bucket', zh: '目标 OSS 存储空间' } },
    region: { type: 'string', value: 'R', help: { en: 'destination region, e.g. cn-hangzhou', zh: '目标地域，如 cn-hangzhou' } },
    prefix: { type: 'string', value: 'P', help: { en: 'OSS key prefix the files go under (key length is checked with it)', zh: '文件在 OSS 中的对象名前缀（按加上前缀后的长度检查）' } },
    'transfer-symlinks': { type: 'boolean', help: { en: 'plan to copy symbolic links as links (otherwise they are findings)', zh: '计划将符号链接作为链接迁移（否则列为问题）' } },
    'probe-seconds': { type: 'string', value: 'S', help: { en: 'time for the read-speed probe and compression trial (default 2; 0 skips)', zh: '读取测速与试压缩的时长（默认 2 秒；0 表示跳过）' } },
    'cabinet-tb': { type: 'string', value: 'TB', help: { en: 'capacity of one III expansion cabinet in TB (default 480, not published)', zh: 'III 扩展柜容量，单位 TB（默认 480，未公开）' } },
  },
  details: {
    en: 'Walks the sources without reading file contents (except a short sample), in bounded memory. Every entry is checked against the Lightning Cube rules; unreadable entries are listed, never fatal. Exit 0 when nothing breaks a rule, 1 when there are findings or unreadable entries.',
    zh: '遍历源目录（除少量抽样外不读取文件内容），内存占用有上限。每个条目都按闪电立方规则检查；无法读取的条目会列出，不会中止扫描。无问题时退出码 0，有规则问题或无法读取的条目时为 1。',
  },
  async run({ args, json, lang, out, signal, env }) {
    const outputs = ((args.values.out as ReadonlyArray<string> | undefined) ?? []).map((path) => ({ path, format: reportFormat(path) }))
    const live = !json && out.isTTY
    const cabinetTb = intArg('cabinet-tb', args.values['cabinet-tb'], 1, 100_000)
    const result = await runScan({
      sources: [...args.positionals],
      transferSymlinks: args.values['transfer-symlinks'] === true,
      prefix: stringArg(args.values.prefix),
      bucket: stringArg(args.values.bucket),
      region: stringArg(args.values.region),
      probeSeconds: intArg('probe-seconds', args.values['probe-seconds'], 0, 600),
      cabinetBytes: cabinetTb === undefined ? undefined : cabinetTb * 1e12,
      signal,
      progressIntervalMs: json ? 1000 : 200,
      onProgress: (p) => {
        if (json) out.json({ event: 'progress', ...p })
        else if (live) process.stdout.write(`\r\x1b[K${scanProgressLine(p, lang, process.stdout.columns ?? 100)}`)
      },
    })
    try {
      if (live) process.stdout.write('\r\x1b[K')
      const written: string[] = []
      for (const output of outputs) written.push(...(await exportScan(result, output.path, chromiumPrinter(env))))
      if (json) {
        await writeJsonReport(out, scanJsonChunks(result, false), written)
      } else {
        for (const line of scanSummaryLines(result, lang)) out.line(line)
        for (const path of written) out.line(`${lang === 'zh' ? '已导出' : 'wrote'} ${path}`)
      }
      return result.core.violationsTotal + result.core.skippedTotal > 0 ? EXIT.DIFFERENCES : EXIT.OK
    } finally {
      result.dispose()
    }
  },
}
