import { CATEGORY_TITLES } from '../../../src-shared/compare-labels'
import { COMPARE_CATEGORIES, type CompareRow } from '../../../src-shared/compare-types'
import { formatDuration } from '../../../src-shared/duration'
import { formatBytes } from '../../../src-shared/size'
import { bi, card, escapeHtml, htmlPage, table, type Column } from '../report/html'
import type { CompareResult } from './run-compare'

/** Rows per page of a category table: each page is a collapsible section, so a large report stays light. */
const PAGE_ROWS = 500

const n = (value: number) => value.toLocaleString('en-US')

const checksum = (c: CompareRow['source']) => (c ? [c.sha256 && `SHA-256 ${c.sha256}`, c.md5 && `MD5 ${c.md5}`, c.crc64 && `CRC-64 ${c.crc64}`, c.etag && `ETag ${c.etag}`].filter(Boolean).join(' · ') : '')

const COLUMNS: ReadonlyArray<Column<CompareRow>> = [
  { label: { en: 'Path', zh: '路径' }, cell: (r) => r.path },
  { label: { en: 'Source size', zh: '源大小' }, cell: (r) => (r.sourceSize === null ? '' : n(r.sourceSize)), numeric: true },
  { label: { en: 'Target size', zh: '目标大小' }, cell: (r) => (r.targetSize === null ? '' : n(r.targetSize)), numeric: true },
  { label: { en: 'Source checksums', zh: '源校验值' }, cell: (r) => checksum(r.source) },
  { label: { en: 'Target checksums', zh: '目标校验值' }, cell: (r) => checksum(r.target) },
  { label: { en: 'Detail', zh: '说明' }, cell: (r) => `${r.detailZh} / ${r.detail}` },
]

/** The comparison as one self-contained page: verdict, counts, then each category's rows in pages (all open to print). */
export function compareHtml(result: CompareResult, print = false): string {
  const { core } = result
  const s = core.summary
  const parts: string[] = []
  parts.push(`<div class="verdict ${core.safeToDelete ? 'yes' : 'no'}">${bi({ en: `Safe to delete source: ${core.safeToDelete ? 'YES' : 'NO'}`, zh: `可以删除源数据：${core.safeToDelete ? '是' : '否'}` })}<ul>${core.verdict.map((r) => `<li>${bi(r)}</li>`).join('')}</ul></div>`)
  parts.push(`<div class="cards">${COMPARE_CATEGORIES.map((c) => card(CATEGORY_TITLES[c], `${n(s[c])} · ${formatBytes(s.bytes[c])}`)).join('')}</div>`)
  const by = Object.entries(s.matchedBy).filter(([, count]) => count > 0).map(([method, count]) => `${method}: ${n(count)}`).join(', ')
  parts.push(`<p class="note">${bi({ en: `Source files ${n(s.sourceFiles)}, target objects ${n(s.targetObjects)}; mode ${core.mode}; matched by ${by || '—'}.`, zh: `源文件 ${n(s.sourceFiles)} 个，目标对象 ${n(s.targetObjects)} 个；模式 ${core.mode}；匹配依据 ${by || '—'}。` })}</p>`)
  if (core.notes.length > 0) parts.push(`<ul class="note">${core.notes.map((note) => `<li>${bi(note)}</li>`).join('')}</ul>`)
  for (const category of COMPARE_CATEGORIES) {
    const list = result.rows[category]
    parts.push(`<h2>${bi(CATEGORY_TITLES[category])} (${n(list.length)})</h2>`)
    if (list.length === 0) {
      parts.push(`<p>${bi({ en: 'None.', zh: '无。' })}</p>`)
      continue
    }
    const shown = list.head
    for (let start = 0; start < shown.length; start += PAGE_ROWS) {
      const page = shown.slice(start, start + PAGE_ROWS)
      const label = `${n(start + 1)}–${n(start + page.length)}`
      parts.push(`<details${start === 0 || print ? ' open' : ''}><summary>${bi({ en: `Rows ${label}`, zh: `第 ${label} 行` })}</summary>${table(COLUMNS, page)}</details>`)
    }
    if (shown.length < list.length) parts.push(`<p class="note">${bi({ en: `First ${n(shown.length)} of ${n(list.length)} rows; the CSV and JSON reports list all.`, zh: `仅显示前 ${n(shown.length)} 行（共 ${n(list.length)} 行）；CSV 与 JSON 报告包含全部。` })}</p>`)
  }
  const meta = `${escapeHtml(core.sources.join(', '))} → ${escapeHtml(core.target.location)} · ${escapeHtml(core.createdAt)} · ${escapeHtml(core.tool.name)} ${escapeHtml(core.tool.version)} · ${bi({ en: `compared in ${formatDuration(core.durationMs)}`, zh: `比对用时 ${formatDuration(core.durationMs)}` })}`
  return htmlPage({ en: 'Comparison report', zh: '比对报告' }, meta, parts.join('\n'))
}
