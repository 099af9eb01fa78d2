import { MODEL_NAMES } from '../../../src-shared/device-types'
import { formatDuration } from '../../../src-shared/duration'
import { CATEGORY_LABELS, RULE_LABELS } from '../../../src-shared/scan-labels'
import type { ScanRule } from '../../../src-shared/scan-types'
import { formatBytes } from '../../../src-shared/size'
import { barChart, bi, card, escapeHtml, htmlPage, table } from '../report/html'
import type { ScanResult } from './run-scan'

const n = (value: number) => value.toLocaleString('en-US')

function devicesText(c: { model: keyof typeof MODEL_NAMES; devices: number; expansionCabinets: number }): string {
  return `${c.devices} × ${MODEL_NAMES[c.model]}${c.expansionCabinets ? ` + ${c.expansionCabinets} 扩展柜 cabinets` : ''}`
}

/** The requirement list as one self-contained page (inline SVG charts; nothing loaded from the network). */
export function scanHtml(result: ScanResult): string {
  const { core } = result
  const t = core.totals
  const p = core.plan
  const parts: string[] = []
  parts.push(`<div class="cards">${[
    card({ en: 'Files', zh: '文件数' }, n(t.files)),
    card({ en: 'Data', zh: '数据量' }, formatBytes(t.bytes)),
    card({ en: 'Folders', zh: '目录数' }, n(t.dirs)),
    card({ en: 'Empty folders', zh: '空目录' }, n(t.emptyDirs)),
    card({ en: 'Average size', zh: '平均大小' }, formatBytes(t.averageFileBytes)),
    card({ en: t.medianExact ? 'Median size' : 'Median size (±3 %)', zh: t.medianExact ? '中位大小' : '中位大小（±3%）' }, formatBytes(t.medianFileBytes)),
    card({ en: 'Symbolic links', zh: '符号链接' }, n(t.symlinks)),
    card({ en: 'Special files', zh: '特殊文件' }, n(t.specialFiles)),
    card({ en: 'Rule findings', zh: '规则问题' }, n(core.violationsTotal)),
    card({ en: 'Unreadable', zh: '无法读取' }, n(core.skippedTotal)),
  ].join('')}</div>`)
  parts.push(`<p class="note">${bi({ en: `Oldest ${t.oldestMtime ?? '—'}, newest ${t.newestMtime ?? '—'}. Hard-linked files ${n(t.hardLinkedFiles)} (${formatBytes(t.hardLinkExtraBytes)} extra on the cube).`, zh: `最早修改 ${t.oldestMtime ?? '—'}，最新修改 ${t.newestMtime ?? '—'}。硬链接文件 ${n(t.hardLinkedFiles)} 个（在设备上多占 ${formatBytes(t.hardLinkExtraBytes)}）。` })}</p>`)

  parts.push(`<h2>${bi({ en: 'Destination plan', zh: '迁移目标规划' })}</h2>`)
  parts.push(`<p>${bi({ en: `Region ${p.region ?? '(not set)'}, bucket ${p.bucket ?? '(not set)'}, prefix "${p.prefix}"`, zh: `地域 ${p.region ?? '（未指定）'}，存储空间 ${p.bucket ?? '（未指定）'}，前缀“${p.prefix}”` })}</p>`)
  parts.push(table([
    { label: { en: 'Source', zh: '源目录' }, cell: (m: (typeof p.mapping)[number]) => m.source },
    { label: { en: 'OSS key prefix', zh: 'OSS 对象前缀' }, cell: (m) => `${p.bucket ? `oss://${p.bucket}/` : ''}${m.keyPrefix}` },
    { label: { en: 'Files', zh: '文件数' }, cell: (m) => n(m.files), numeric: true },
    { label: { en: 'Data', zh: '数据量' }, cell: (m) => formatBytes(m.bytes), numeric: true },
  ], p.mapping))
  parts.push(`<div class="cards">${[
    card({ en: 'To migrate', zh: '将迁移' }, `${n(p.migrate.files)} · ${formatBytes(p.migrate.bytes)}`),
    card({ en: 'Not migrated', zh: '不迁移' }, `${n(p.notMigrated.files)} · ${formatBytes(p.notMigrated.bytes)}`),
    card({ en: 'Compression (sampled)', zh: '压缩率（抽样）' }, `${Math.round(p.compression.ratio * 100)} %`),
    card({ en: 'Estimated on cube', zh: '预计占用设备' }, formatBytes(p.estimatedCubeBytes)),
    card({ en: 'Source read speed', zh: '源读取速度' }, p.readProbe.bytesPerSecond === null ? '—' : `${formatBytes(p.readProbe.bytesPerSecond)}/s`),
    card({ en: 'Estimated copy time', zh: '预计拷贝时间' }, formatDuration(p.estimatedCopySeconds * 1000)),
    card({ en: 'Recommended', zh: '推荐设备' }, devicesText(p.recommended)),
  ].join('')}</div>`)
  parts.push(table([
    { label: { en: 'Model', zh: '型号' }, cell: (c: (typeof p.cubes)[number]) => MODEL_NAMES[c.model] },
    { label: { en: 'Published capacity', zh: '公开容量' }, cell: (c) => formatBytes(c.capacityBytes), numeric: true },
    { label: { en: 'Planned usable', zh: '规划可用' }, cell: (c) => formatBytes(c.usableBytes), numeric: true },
    { label: { en: 'Devices needed', zh: '所需设备' }, cell: (c) => devicesText(c) },
  ], p.cubes))
  parts.push(`<ul class="note">${p.assumptions.map((a) => `<li>${bi(a)}</li>`).join('')}</ul>`)

  parts.push(`<h2>${bi({ en: 'File sizes', zh: '文件大小分布' })}</h2>`)
  parts.push(barChart(core.sizeHistogram.map((b) => ({ label: b.label, value: b.files, note: `${n(b.files)} · ${formatBytes(b.bytes)}` }))))
  parts.push(`<h2>${bi({ en: 'File types', zh: '文件类型' })}</h2>`)
  parts.push(barChart(core.categories.map((c) => ({ label: `${CATEGORY_LABELS[c.name].zh} ${CATEGORY_LABELS[c.name].en}`, value: c.bytes, note: `${formatBytes(c.bytes)} · ${n(c.files)}` }))))
  const countColumns = [
    { label: { en: 'Extension', zh: '扩展名' }, cell: (e: { name: string }) => e.name },
    { label: { en: 'Files', zh: '文件数' }, cell: (e: { files: number }) => n(e.files), numeric: true },
    { label: { en: 'Data', zh: '数据量' }, cell: (e: { bytes: number }) => formatBytes(e.bytes), numeric: true },
  ]
  parts.push(`<h2>${bi({ en: 'Top extensions by count', zh: '文件数最多的扩展名' })}</h2>${table(countColumns, core.topExtensions)}`)
  parts.push(`<h2>${bi({ en: 'Top extensions by size', zh: '数据量最大的扩展名' })}</h2>${table(countColumns, core.topExtensionsByBytes)}`)
  parts.push(`<h2>${bi({ en: 'Largest files', zh: '最大的文件' })}</h2>`)
  parts.push(table([{ label: { en: 'Path', zh: '路径' }, cell: (f: { path: string }) => f.path }, { label: { en: 'Size', zh: '大小' }, cell: (f: { bytes: number }) => formatBytes(f.bytes), numeric: true }], core.largestFiles))
  parts.push(`<h2>${bi({ en: 'Widest folders', zh: '条目最多的目录' })}</h2>`)
  parts.push(table([{ label: { en: 'Folder', zh: '目录' }, cell: (d: { path: string }) => d.path }, { label: { en: 'Entries', zh: '条目数' }, cell: (d: { entries: number }) => n(d.entries), numeric: true }], core.widestDirs))
  parts.push(`<h2>${bi({ en: 'Deepest paths', zh: '层级最深的路径' })}</h2>`)
  parts.push(table([{ label: { en: 'Path', zh: '路径' }, cell: (d: { path: string }) => d.path }, { label: { en: 'Depth', zh: '层级' }, cell: (d: { depth: number }) => d.depth, numeric: true }], core.deepestPaths))

  parts.push(`<h2>${bi({ en: 'Rule findings', zh: '规则检查结果' })}</h2>`)
  const counts = Object.entries(core.violationCounts) as Array<[ScanRule, number]>
  parts.push(counts.length === 0
    ? `<p>${bi({ en: 'No entry breaks a Lightning Cube or OSS rule.', zh: '没有条目违反闪电立方或 OSS 规则。' })}</p>`
    : table([{ label: { en: 'Rule', zh: '规则' }, cell: (r: [ScanRule, number]) => `${RULE_LABELS[r[0]].zh} / ${RULE_LABELS[r[0]].en}` }, { label: { en: 'Entries', zh: '条目数' }, cell: (r) => n(r[1]), numeric: true }], counts))
  if (result.violations.length > 0) {
    parts.push(listNote(result.violations.head.length, result.violations.length))
    parts.push(table([
      { label: { en: 'Path', zh: '路径' }, cell: (v: (typeof result.violations.head)[number]) => v.path },
      { label: { en: 'Rule', zh: '规则' }, cell: (v) => v.rule },
      { label: { en: 'Detail', zh: '说明' }, cell: (v) => `${v.detailZh} / ${v.detail}` },
    ], result.violations.head))
  }
  parts.push(`<h2>${bi({ en: 'Unreadable entries', zh: '无法读取的条目' })}</h2>`)
  if (result.skipped.length === 0) parts.push(`<p>${bi({ en: 'None.', zh: '无。' })}</p>`)
  else {
    parts.push(listNote(result.skipped.head.length, result.skipped.length))
    parts.push(table([{ label: { en: 'Path', zh: '路径' }, cell: (s: (typeof result.skipped.head)[number]) => s.path }, { label: { en: 'Reason', zh: '原因' }, cell: (s) => `${s.reasonZh} / ${s.reason}` }], result.skipped.head))
  }
  const meta = `${escapeHtml(core.sources.join(', '))} · ${escapeHtml(core.createdAt)} · ${escapeHtml(core.tool.name)} ${escapeHtml(core.tool.version)} · ${bi({ en: `scanned in ${formatDuration(core.durationMs)}`, zh: `扫描用时 ${formatDuration(core.durationMs)}` })}`
  return htmlPage({ en: 'Requirement list', zh: '需求清单' }, meta, parts.join('\n'))
}

function listNote(shown: number, total: number): string {
  if (shown === total) return ''
  return `<p class="note">${bi({ en: `First ${n(shown)} of ${n(total)}; the CSV and JSON exports list all.`, zh: `仅列出前 ${n(shown)} 项（共 ${n(total)} 项）；CSV 与 JSON 导出包含全部。` })}</p>`
}
