import type { Checksums, CompareMode, CompareRow, MatchedBy } from '../../../src-shared/compare-types'
import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import type { HashAlgorithm } from './hash-protocol'
import type { HashPool } from './hash-pool'
import type { SourceEntry, TargetEntry, TargetSession } from './target-entry'

export type PairStats = { multipartByCrc: number; fullFellBackToHash: boolean }

function row(category: CompareRow['category'], s: SourceEntry | undefined, t: TargetEntry | undefined, detail: LocalizedText, extra: Partial<CompareRow> = {}): CompareRow {
  return {
    category,
    path: s?.path ?? t!.key,
    key: t?.ref ?? t?.key ?? s!.key,
    sourceSize: s?.size ?? null,
    targetSize: t?.size ?? null,
    matchedBy: null,
    source: null,
    target: null,
    detail: detail.en,
    detailZh: detail.zh,
    ...extra,
  }
}

export function missingRow(s: SourceEntry): CompareRow {
  if (s.problem) return row('error', s, undefined, s.problem)
  return row('missingInTarget', s, undefined, { en: 'in the source, not in the target', zh: '源中有，目标中没有' })
}

export function extraRow(t: TargetEntry): CompareRow {
  return row('extraInTarget', undefined, t, { en: 'in the target, not in the source', zh: '目标中有，源中没有' })
}

function targetChecksums(t: TargetEntry): Checksums {
  const out: Checksums = {}
  if (t.md5) out.md5 = t.md5
  if (t.crc64) out.crc64 = t.crc64
  if (t.sha256) out.sha256 = t.sha256
  if (t.etag) out.etag = t.etag
  return out
}

async function hashOrError(pool: HashPool, path: string, algorithms: HashAlgorithm[], side: LocalizedText): Promise<Checksums | LocalizedText> {
  const result = await pool.hash(path, algorithms)
  if (!result.ok) return { en: `${side.en} cannot be read: ${result.code}`, zh: `${side.zh}无法读取：${result.code}` }
  return 'digests' in result ? result.digests : { en: 'unexpected worker reply', zh: '工作线程回复异常' }
}

const NAMES: Readonly<Record<string, string>> = { sha256: 'SHA-256', md5: 'MD5', crc64: 'CRC-64', 'md5+crc64': 'MD5 + CRC-64' }

const SOURCE = { en: 'source file', zh: '源文件' }
const TARGET = { en: 'target file', zh: '目标文件' }

/**
 * The category of one source file and its namesake in the target. Sizes first; then, by mode, bytes
 * (full) or every checksum the target offers (hash), computed on the source in worker threads. A file
 * that cannot be read or checked is an error, never a match.
 */
export async function comparePair(s: SourceEntry, t: TargetEntry, mode: CompareMode, target: TargetSession, pool: HashPool, stats: PairStats): Promise<CompareRow> {
  if (t.problem) return row('missingInTarget', s, t, { en: `listed by the target but not there: ${t.problem.en}`, zh: `目标列出但没有数据：${t.problem.zh}` })
  if (s.problem) return row('error', s, t, s.problem)
  if (s.size !== t.size) return row('differ', s, t, { en: `size differs: source ${s.size} bytes, target ${t.size}`, zh: `大小不同：源 ${s.size} 字节，目标 ${t.size} 字节` })
  if (mode === 'size') return row('match', s, t, { en: 'same size (content not checked)', zh: '大小相同（未检查内容）' }, { matchedBy: 'size' })
  try {
    if (mode === 'full' && target.compareBytes) {
      const result = await target.compareBytes(s, t)
      if ('error' in result) return row('error', s, t, result.error)
      if (result.same) return row('match', s, t, { en: 'bytes identical', zh: '逐字节相同' }, { matchedBy: 'bytes' })
      return row('differ', s, t, { en: `content differs from byte ${result.firstDifference}`, zh: `内容自第 ${result.firstDifference} 字节起不同` })
    }
    if (mode === 'full') stats.fullFellBackToHash = true
    let theirs: Checksums
    if (target.kind === 'directory') {
      const hashed = await hashOrError(pool, t.ref!, ['sha256', 'crc64'], TARGET)
      if ('en' in hashed) return row('error', s, t, hashed)
      theirs = hashed
    } else {
      const enriched = target.enrich ? await target.enrich(t) : t
      theirs = targetChecksums(enriched)
      if (enriched.multipart && enriched.crc64) stats.multipartByCrc += 1
    }
    const algorithms = (['sha256', 'md5', 'crc64'] as const).filter((a) => theirs[a])
    if (algorithms.length === 0) {
      return row('error', s, t, t.multipart || theirs.etag
        ? { en: 'content cannot be checked: uploaded in parts (the ETag is not an MD5) and no CRC-64 is available', zh: '无法检查内容：分片上传（ETag 不是 MD5）且没有 CRC-64' }
        : { en: 'content cannot be checked: the target gives no MD5, CRC-64 or SHA-256', zh: '无法检查内容：目标未提供 MD5、CRC-64 或 SHA-256' }, { target: theirs })
    }
    const mine = await hashOrError(pool, s.abs, [...algorithms], SOURCE)
    if ('en' in mine) return row('error', s, t, mine, { target: theirs })
    const differing = algorithms.filter((a) => mine[a] !== theirs[a])
    if (differing.length > 0) {
      const which = differing.map((a) => NAMES[a]).join(', ')
      return row('differ', s, t, { en: `content differs (${which})`, zh: `内容不同（${which}）` }, { source: mine, target: theirs })
    }
    const by: MatchedBy = algorithms.includes('sha256') ? 'sha256' : algorithms.length === 2 ? 'md5+crc64' : (algorithms[0] as 'md5' | 'crc64')
    return row('match', s, t, { en: `same ${NAMES[by]}`, zh: `${NAMES[by]} 相同` }, { matchedBy: by, source: mine, target: theirs })
  } catch (error) {
    if (error instanceof LcubeError) return row('error', s, t, error.text)
    throw error
  }
}
