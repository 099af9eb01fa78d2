import type { CompareSummary } from '../../../src-shared/compare-types'
import type { LocalizedText } from '../../../src-shared/localized'

/**
 * "Safe to delete the source": yes only when there is at least one source file and every one of them
 * matched by content (bytes or a checksum), none by size alone, and nothing differs, is missing or
 * could not be checked. Extra objects in the target do not endanger the source.
 */
export function compareVerdict(s: CompareSummary): { safe: boolean; reasons: LocalizedText[] } {
  const reasons: LocalizedText[] = []
  if (s.sourceFiles === 0) reasons.push({ en: 'the sources hold no files: nothing was proven', zh: '源中没有文件：没有任何内容得到证明' })
  if (s.differ > 0) reasons.push({ en: `${s.differ} files differ`, zh: `${s.differ} 个文件不一致` })
  if (s.missingInTarget > 0) reasons.push({ en: `${s.missingInTarget} files are missing in the target`, zh: `目标中缺少 ${s.missingInTarget} 个文件` })
  if (s.error > 0) reasons.push({ en: `${s.error} files could not be checked`, zh: `${s.error} 个文件无法检查` })
  if (s.matchedBy.size > 0) reasons.push({ en: `${s.matchedBy.size} files matched by size only: size does not prove content (use --mode hash or full)`, zh: `${s.matchedBy.size} 个文件仅大小一致：大小不能证明内容相同（请用 --mode hash 或 full）` })
  const byContent = s.match - s.matchedBy.size
  const safe = reasons.length === 0 && byContent === s.sourceFiles
  if (safe) reasons.push({ en: `all ${s.sourceFiles} source files match the target by content`, zh: `全部 ${s.sourceFiles} 个源文件与目标内容一致` })
  else if (reasons.length === 0) reasons.push({ en: `${s.sourceFiles - byContent} source files were not matched by content`, zh: `${s.sourceFiles - byContent} 个源文件未按内容匹配` })
  return { safe, reasons }
}
