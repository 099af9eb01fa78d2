import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ScanReportCore } from '../../../src-shared/scan-types'
import { CsvFileWriter } from '../report/csv'
import { jsonDocumentChunks } from '../report/json-document'
import { reportFormat, siblingCsv, writeChunks, writePdfFromHtml, type PdfPrinter } from '../report/report-file'
import { scanHtml } from './scan-html'
import type { ScanResult } from './run-scan'

export function scanJsonChunks(result: ScanResult, pretty: boolean): AsyncGenerator<string> {
  return jsonDocumentChunks(result.core, [['violations', result.violations.items()], ['skipped', result.skipped.items()]], pretty)
}

/**
 * Writes the requirement list to `path` in the format its extension names; returns every file written
 * (CSV is three files: summary, violations and skipped, each with a BOM for Excel).
 */
export async function exportScan(result: ScanResult, path: string, print?: PdfPrinter): Promise<string[]> {
  // a report path in a folder that does not exist yet is created, as users expect of --out/--report
  await mkdir(dirname(path), { recursive: true })
  const format = reportFormat(path)
  if (format === 'json') {
    await writeChunks(path, scanJsonChunks(result, true))
    return [path]
  }
  if (format === 'html') {
    await writeChunks(path, (async function* () { yield scanHtml(result) })())
    return [path]
  }
  if (format === 'pdf') {
    await writePdfFromHtml(path, scanHtml(result), print)
    return [path]
  }
  const violationsPath = siblingCsv(path, 'violations')
  const skippedPath = siblingCsv(path, 'skipped')
  await writeSummaryCsv(path, result.core)
  const violations = new CsvFileWriter(violationsPath, ['path / 路径', 'rule / 规则', 'migrated / 是否迁移', 'detail', '说明'])
  for await (const v of result.violations.items()) await violations.row([v.path, v.rule, v.migrated ? 'yes' : 'no', v.detail, v.detailZh])
  await violations.close()
  const skipped = new CsvFileWriter(skippedPath, ['path / 路径', 'reason', '原因'])
  for await (const s of result.skipped.items()) await skipped.row([s.path, s.reason, s.reasonZh])
  await skipped.close()
  return [path, violationsPath, skippedPath]
}

async function writeSummaryCsv(path: string, core: ScanReportCore): Promise<void> {
  const csv = new CsvFileWriter(path, ['section / 部分', 'item / 项目', 'value / 值', 'files / 文件数', 'bytes / 字节数'])
  const t = core.totals
  const rows: Array<[string, string, string | number | null, number | null, number | null]> = [
    ['totals', 'files', t.files, null, null],
    ['totals', 'bytes', t.bytes, null, null],
    ['totals', 'dirs', t.dirs, null, null],
    ['totals', 'emptyDirs', t.emptyDirs, null, null],
    ['totals', 'symlinks', t.symlinks, null, null],
    ['totals', 'specialFiles', t.specialFiles, null, null],
    ['totals', 'averageFileBytes', t.averageFileBytes, null, null],
    ['totals', 'medianFileBytes', t.medianFileBytes, null, null],
    ['totals', 'oldestMtime', t.oldestMtime, null, null],
    ['totals', 'newestMtime', t.newestMtime, null, null],
    ['totals', 'hardLinkedFiles', t.hardLinkedFiles, null, null],
    ['totals', 'hardLinkExtraBytes', t.hardLinkExtraBytes, null, null],
    ['totals', 'violations', core.violationsTotal, null, null],
    ['totals', 'skipped', core.skippedTotal, null, null],
    ...core.sizeHistogram.map((b): [string, string, null, number, number] => ['sizeHistogram', b.label, null, b.files, b.bytes]),
    ...core.categories.map((c): [string, string, null, number, number] => ['category', c.name, null, c.files, c.bytes]),
    ...core.topExtensions.map((c): [string, string, null, number, number] => ['extension', c.name, null, c.files, c.bytes]),
    ...core.largestFiles.map((f): [string, string, null, null, number] => ['largestFile', f.path, null, null, f.bytes]),
    ...core.widestDirs.map((d): [string, string, number, null, null] => ['widestDir', d.path, d.entries, null, null]),
    ...core.deepestPaths.map((d): [string, string, number, null, null] => ['deepestPath', d.path, d.depth, null, null]),
    ...Object.entries(core.violationCounts).map(([rule, n]): [string, string, number, null, null] => ['violationCount', rule, n, null, null]),
    ['plan', 'region', core.plan.region, null, null],
    ['plan', 'bucket', core.plan.bucket, null, null],
    ['plan', 'prefix', core.plan.prefix, null, null],
    ...core.plan.mapping.map((m): [string, string, string, number, number] => ['mapping', m.source, m.keyPrefix, m.files, m.bytes]),
    ['plan', 'migrate', null, core.plan.migrate.files, core.plan.migrate.bytes],
    ['plan', 'notMigrated', null, core.plan.notMigrated.files, core.plan.notMigrated.bytes],
    ['plan', 'compressionRatio', core.plan.compression.ratio, core.plan.compression.sampledFiles, core.plan.compression.sampledBytes],
    ['plan', 'estimatedCubeBytes', core.plan.estimatedCubeBytes, null, null],
    ['plan', 'readBytesPerSecond', core.plan.readProbe.bytesPerSecond, null, core.plan.readProbe.bytes],
    ['plan', 'estimatedCopySeconds', core.plan.estimatedCopySeconds, null, null],
    ...core.plan.cubes.map((c): [string, string, string, null, number] => ['cubes', c.model, `${c.devices} × ${c.model}${c.expansionCabinets ? ` + ${c.expansionCabinets} cabinets` : ''}`, null, c.usableBytes]),
    ['plan', 'recommended', `${core.plan.recommended.devices} × ${core.plan.recommended.model}${core.plan.recommended.expansionCabinets ? ` + ${core.plan.recommended.expansionCabinets} cabinets` : ''}`, null, null],
  ]
  for (const row of rows) await csv.row(row)
  await csv.close()
}
