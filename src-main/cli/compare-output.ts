import { CATEGORY_TITLES } from '../../src-shared/compare-labels'
import { COMPARE_CATEGORIES, type CompareProgress } from '../../src-shared/compare-types'
import type { Lang } from '../../src-shared/localized'
import { formatBytes } from '../../src-shared/size'
import type { CompareResult } from '../engine/compare/run-compare'

export function compareProgressLine(p: CompareProgress, lang: Lang): string {
  return lang === 'zh'
    ? `已比对 ${formatBytes(p.checkedBytes)}，源文件 ${p.sourceFiles.toLocaleString()} 个，目标对象 ${p.targetObjects.toLocaleString()} 个  ${p.current.slice(-60)}`
    : `compared ${formatBytes(p.checkedBytes)}, ${p.sourceFiles.toLocaleString()} source files, ${p.targetObjects.toLocaleString()} target objects  ${p.current.slice(-60)}`
}

export function compareSummaryLines(result: CompareResult, lang: Lang): string[] {
  const { core } = result
  const s = core.summary
  const lines = [lang === 'zh' ? `比对 ${core.sources.join('、')} → ${core.target.location}（模式 ${core.mode}）` : `Compared ${core.sources.join(', ')} → ${core.target.location} (mode ${core.mode})`]
  for (const c of COMPARE_CATEGORIES) lines.push(`  ${CATEGORY_TITLES[c][lang].padEnd(lang === 'zh' ? 10 : 24)} ${String(s[c]).padStart(9)}  ${formatBytes(s.bytes[c])}`)
  for (const c of ['differ', 'missingInTarget', 'extraInTarget', 'error'] as const) {
    for (const row of result.rows[c].head.slice(0, 10)) lines.push(`    [${c}] ${row.path}: ${lang === 'zh' ? row.detailZh : row.detail}`)
    if (result.rows[c].length > 10) lines.push(lang === 'zh' ? `    ……另有 ${result.rows[c].length - 10} 项（见 --report）` : `    … and ${result.rows[c].length - 10} more (see --report)`)
  }
  for (const note of core.notes) lines.push(`  ${note[lang]}`)
  lines.push(lang === 'zh' ? `可以删除源数据：${core.safeToDelete ? '是' : '否'}` : `Safe to delete source: ${core.safeToDelete ? 'yes' : 'no'}`)
  for (const reason of core.verdict) lines.push(`  ${reason[lang]}`)
  return lines
}
