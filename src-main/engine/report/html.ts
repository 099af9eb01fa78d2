import type { LocalizedText } from '../../../src-shared/localized'

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A label in both languages, Chinese first: reports travel between teams that read either. */
export function bi(text: LocalizedText): string {
  return `${escapeHtml(text.zh)} <span class="en">${escapeHtml(text.en)}</span>`
}

export type Column<T> = Readonly<{ label: LocalizedText; cell: (row: T) => string | number; numeric?: boolean }>

export function table<T>(columns: ReadonlyArray<Column<T>>, rows: Iterable<T>): string {
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${bi(c.label)}</th>`).join('')
  let body = ''
  for (const row of rows) body += `<tr>${columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.cell(row))}</td>`).join('')}</tr>`
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

/** A horizontal bar chart as inline SVG: no scripts, no fonts or images from anywhere. */
export function barChart(bars: ReadonlyArray<{ label: string; value: number; note: string }>, width = 640): string {
  const rowHeight = 22
  const labelWidth = 150
  const noteWidth = 150
  const max = Math.max(1, ...bars.map((b) => b.value))
  const plot = width - labelWidth - noteWidth
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight
      const w = Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * plot))
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="2"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 15}">${escapeHtml(b.note)}</text>`
      )
    })
    .join('')
  return `<svg class="chart" viewBox="0 0 ${width} ${bars.length * rowHeight}" width="${width}" height="${bars.length * rowHeight}" role="img">${rows}</svg>`
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2630;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:2px solid #ff6a00;padding-bottom:4px}
.en{color:#66707a;font-size:.85em}.meta{color:#66707a;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top;word-break:break-all}
th{background:#f4f6f8}td.num,th.num{text-align:right;white-space:nowrap}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #dde2e8;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:20px}.verdict{font-size:20px;padding:12px 16px;border-radius:6px;margin:12px 0}
.yes{background:#e7f6ec;border:2px solid #2e9d57}.no{background:#fdecea;border:2px solid #d93025}
.chart text{font-size:12px;fill:#1d2630}.chart rect{fill:#ff6a00}.note{color:#66707a;font-size:13px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
`

/** A whole self-contained page: inline style, no external references, printable to PDF. */
export function htmlPage(title: LocalizedText, meta: string, body: string): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeHtml(title.zh)} ${escapeHtml(title.en)}</title><style>${STYLE}</style></head>` +
    `<body><h1>${bi(title)}</h1><p class="meta">${meta}</p>${body}</body></html>\n`
  )
}

export function card(label: LocalizedText, value: string | number): string {
  return `<div class="card">${bi(label)}<b>${escapeHtml(value)}</b></div>`
}
