import { MODEL_NAMES } from '../../src-shared/device-types'
import { formatDuration } from '../../src-shared/duration'
import type { Lang } from '../../src-shared/localized'
import { RULE_LABELS } from '../../src-shared/scan-labels'
import type { ScanProgress, ScanRule } from '../../src-shared/scan-types'
import { formatBytes } from '../../src-shared/size'
import type { ScanResult } from '../engine/scan/run-scan'

export function scanProgressLine(p: ScanProgress, lang: Lang, width = 100): string {
  if (p.phase !== 'walking') return lang === 'zh' ? '正在抽样测速与试压缩…' : 'Sampling read speed and compression…'
  const head = lang === 'zh'
    ? `已扫描 ${p.files.toLocaleString()} 个文件、${p.dirs.toLocaleString()} 个目录，${formatBytes(p.bytes)}，${p.filesPerSecond.toLocaleString()} 个/秒  `
    : `scanned ${p.files.toLocaleString()} files, ${p.dirs.toLocaleString()} folders, ${formatBytes(p.bytes)}, ${p.filesPerSecond.toLocaleString()} files/s  `
  const room = Math.max(10, width - head.length)
  const dir = p.currentDir.length > room ? `…${p.currentDir.slice(-(room - 1))}` : p.currentDir
  return head + dir
}

export function scanSummaryLines(result: ScanResult, lang: Lang): string[] {
  const zh = lang === 'zh'
  const { totals: t, plan: p } = result.core
  const n = (v: number) => v.toLocaleString('en-US')
  const devices = (c: { model: keyof typeof MODEL_NAMES; devices: number; expansionCabinets: number }) =>
    `${c.devices} × ${MODEL_NAMES[c.model]}${c.expansionCabinets ? (zh ? ` + ${c.expansionCabinets} 个扩展柜` : ` + ${c.expansionCabinets} expansion cabinets`) : ''}`
  const lines = zh
    ? [
        `需求清单：${n(t.files)} 个文件，${formatBytes(t.bytes)}，${n(t.dirs)} 个目录（空目录 ${n(t.emptyDirs)}）`,
        `  平均 ${formatBytes(t.averageFileBytes)}，中位 ${formatBytes(t.medianFileBytes)}${t.medianExact ? '' : '（估算）'}；符号链接 ${n(t.symlinks)}，特殊文件 ${n(t.specialFiles)}，硬链接文件 ${n(t.hardLinkedFiles)}`,
        `  将迁移 ${n(p.migrate.files)} 个文件 ${formatBytes(p.migrate.bytes)}；不迁移 ${n(p.notMigrated.files)} 个 ${formatBytes(p.notMigrated.bytes)}`,
        `  预计占用设备 ${formatBytes(p.estimatedCubeBytes)}（抽样压缩率 ${Math.round(p.compression.ratio * 100)}%）；推荐 ${devices(p.recommended)}`,
        `  源读取速度 ${p.readProbe.bytesPerSecond === null ? '—' : `${formatBytes(p.readProbe.bytesPerSecond)}/s`}；预计拷贝用时 ${formatDuration(p.estimatedCopySeconds * 1000)}`,
      ]
    : [
        `Requirement list: ${n(t.files)} files, ${formatBytes(t.bytes)}, ${n(t.dirs)} folders (${n(t.emptyDirs)} empty)`,
        `  average ${formatBytes(t.averageFileBytes)}, median ${formatBytes(t.medianFileBytes)}${t.medianExact ? '' : ' (estimated)'}; symlinks ${n(t.symlinks)}, special files ${n(t.specialFiles)}, hard-linked files ${n(t.hardLinkedFiles)}`,
        `  to migrate ${n(p.migrate.files)} files ${formatBytes(p.migrate.bytes)}; not migrated ${n(p.notMigrated.files)} ${formatBytes(p.notMigrated.bytes)}`,
        `  estimated on the cube ${formatBytes(p.estimatedCubeBytes)} (sampled compression ${Math.round(p.compression.ratio * 100)} %); recommended ${devices(p.recommended)}`,
        `  source read speed ${p.readProbe.bytesPerSecond === null ? '—' : `${formatBytes(p.readProbe.bytesPerSecond)}/s`}; estimated copy time ${formatDuration(p.estimatedCopySeconds * 1000)}`,
      ]
  for (const m of p.mapping) lines.push(`  ${m.source} → ${p.bucket ? `oss://${p.bucket}/` : ''}${m.keyPrefix || (zh ? '（存储空间根目录）' : '(bucket root)')}`)
  const counts = Object.entries(result.core.violationCounts) as Array<[ScanRule, number]>
  if (counts.length > 0) lines.push(zh ? '规则检查：' : 'Rule findings:')
  for (const [rule, count] of counts) lines.push(`  ${n(count)}  ${RULE_LABELS[rule][lang]}`)
  for (const v of result.violations.head.slice(0, 20)) lines.push(`    [${v.rule}] ${v.path}: ${zh ? v.detailZh : v.detail}`)
  if (result.violations.length > 20) lines.push(zh ? `    ……另有 ${n(result.violations.length - 20)} 项（用 --out 导出完整清单）` : `    … and ${n(result.violations.length - 20)} more (--out exports the full list)`)
  if (result.skipped.length > 0) lines.push(zh ? `无法读取：${n(result.skipped.length)} 项` : `Unreadable: ${n(result.skipped.length)}`)
  for (const s of result.skipped.head.slice(0, 20)) lines.push(`    ${s.path}: ${zh ? s.reasonZh : s.reason}`)
  return lines
}
