import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { COMPARE_CATEGORIES, type CompareRow } from '../../../src-shared/compare-types'
import { CsvFileWriter } from '../report/csv'
import { jsonDocumentChunks } from '../report/json-document'
import { reportFormat, siblingCsv, writeChunks, writePdfFromHtml, type PdfPrinter } from '../report/report-file'
import { compareHtml } from './compare-html'
import type { CompareResult } from './run-compare'

export function compareJsonChunks(result: CompareResult, pretty: boolean): AsyncGenerator<string> {
  return jsonDocumentChunks({ ...result.core }, COMPARE_CATEGORIES.map((c) => [c, result.rows[c].items()]), pretty, 'entries')
}

const ROW_HEADER = ['path / 路径', 'key / 目标名', 'source size / 源大小', 'target size / 目标大小', 'matched by / 匹配依据', 'source MD5', 'source CRC-64', 'source SHA-256', 'target MD5', 'target CRC-64', 'target SHA-256', 'target ETag', 'detail', '说明']

function rowCells(r: CompareRow): Array<string | number | null> {
  return [r.path, r.key, r.sourceSize, r.targetSize, r.matchedBy, r.source?.md5 ?? null, r.source?.crc64 ?? null, r.source?.sha256 ?? null, r.target?.md5 ?? null, r.target?.crc64 ?? null, r.target?.sha256 ?? null, r.target?.etag ?? null, r.detail, r.detailZh]
}

/**
 * Writes the comparison to `path` in the format its extension names; returns the files written. CSV is a
 * summary plus one file per category (NAME-match.csv, NAME-differ.csv, …), each with a BOM for Excel.
 */
export async function exportCompare(result: CompareResult, path: string, print?: PdfPrinter): Promise<string[]> {
  // a report path in a folder that does not exist yet is created, as users expect of --out/--report
  await mkdir(dirname(path), { recursive: true })
  const format = reportFormat(path)
  if (format === 'json') {
    await writeChunks(path, compareJsonChunks(result, true))
    return [path]
  }
  if (format === 'html' || format === 'pdf') {
    if (format === 'html') await writeChunks(path, (async function* () { yield compareHtml(result) })())
    else await writePdfFromHtml(path, compareHtml(result, true), print)
    return [path]
  }
  const { core } = result
  const summary = new CsvFileWriter(path, ['item / 项目', 'files / 文件数', 'bytes / 字节数', 'value / 值'])
  for (const c of COMPARE_CATEGORIES) await summary.row([c, core.summary[c], core.summary.bytes[c], null])
  for (const [by, n] of Object.entries(core.summary.matchedBy)) await summary.row([`matchedBy:${by}`, n, null, null])
  await summary.row(['sourceFiles', core.summary.sourceFiles, null, null])
  await summary.row(['targetObjects', core.summary.targetObjects, null, null])
  await summary.row(['safeToDelete', null, null, core.safeToDelete ? 'yes' : 'no'])
  for (const reason of core.verdict) await summary.row(['verdict', null, null, `${reason.en} / ${reason.zh}`])
  for (const note of core.notes) await summary.row(['note', null, null, `${note.en} / ${note.zh}`])
  await summary.row(['mode', null, null, core.mode])
  await summary.row(['target', null, null, `${core.target.kind} ${core.target.location}`])
  await summary.close()
  const written = [path]
  for (const category of COMPARE_CATEGORIES) {
    const file = siblingCsv(path, category)
    const csv = new CsvFileWriter(file, ROW_HEADER)
    for await (const row of result.rows[category].items()) await csv.row(rowCells(row))
    await csv.close()
    written.push(file)
  }
  return written
}
