import { COMPARE_CATEGORIES } from '../../src-shared/compare-types'
import type { LocalizedText } from '../../src-shared/localized'
import { MODEL_NAMES } from '../../src-shared/device-types'
import { VERIFY_ISSUE_KINDS, type VerifyResult } from '../../src-shared/job-types'
import { formatBytes } from '../../src-shared/size'
import type { CompareRequest, ExportFormat, ScanRequest, TaskRow, VerifyRequest } from '../../src-shared/task-types'
import { exportCompare } from '../engine/compare/compare-export'
import { runCompare } from '../engine/compare/run-compare'
import { LcubeError } from '../engine/errors'
import { runVerify } from '../engine/read/verify'
import { CsvFileWriter } from '../engine/report/csv'
import { writeChunks, type PdfPrinter } from '../engine/report/report-file'
import { exportScan } from '../engine/scan/scan-export'
import { runScan } from '../engine/scan/run-scan'
import type { RowSource, TaskWork } from './task-manager'

const fromArray = (rows: ReadonlyArray<TaskRow>): RowSource => ({ length: rows.length, page: async (offset, limit) => rows.slice(offset, offset + limit) })

const fromSpill = (list: { length: number; page(offset: number, limit: number): Promise<ReadonlyArray<unknown>> }): RowSource => ({
  get length() {
    return list.length
  },
  page: async (offset, limit) => (await list.page(offset, limit)) as ReadonlyArray<TaskRow>,
})

export function scanWork(request: ScanRequest, print: PdfPrinter): TaskWork<'scan'> {
  return async (signal, onProgress) => {
    const result = await runScan({ ...request, signal, onProgress, progressIntervalMs: 200 })
    const { totals, plan } = result.core
    const findings = result.core.violationsTotal + result.core.skippedTotal
    const rec = plan.recommended
    const model = `${rec.devices}× ${MODEL_NAMES[rec.model]}${rec.expansionCabinets ? ` +${rec.expansionCabinets}` : ''}`
    const summary: LocalizedText = {
      en: `${totals.files} files, ${formatBytes(totals.bytes)}; ${result.core.violationsTotal} rule findings, ${result.core.skippedTotal} unreadable; recommended ${model} Lightning Cube`,
      zh: `${totals.files} 个文件，${formatBytes(totals.bytes)}；规则问题 ${result.core.violationsTotal} 项，无法读取 ${result.core.skippedTotal} 项；建议 ${model} 闪电立方`,
    }
    return {
      result: result.core,
      lists: { violations: fromSpill(result.violations), skipped: fromSpill(result.skipped) },
      exportTo: (format, base) => exportScan(result, `${base}.${format}`, print),
      outcome: findings > 0 ? 'findings' : 'ok',
      summary,
      dispose: result.dispose,
    }
  }
}

async function exportVerify(result: VerifyResult, format: ExportFormat, base: string): Promise<string[]> {
  const path = `${base}.${format}`
  if (format === 'json') {
    await writeChunks(path, (async function* () { yield `${JSON.stringify({ schema: 'lcube.verify/1', ...result }, null, 2)}\n` })())
    return [path]
  }
  if (format === 'csv') {
    const csv = new CsvFileWriter(path, ['kind / 类型', 'path / 路径', 'detail', '说明'])
    for (const issue of result.issues) await csv.row([issue.kind, issue.path ?? '', issue.detail.en, issue.detail.zh])
    await csv.close()
    return [path]
  }
  throw new LcubeError('BAD_INPUT', { en: 'A verification exports as JSON or CSV; use Compare against the cube for HTML and PDF reports', zh: '校验结果可导出为 JSON 或 CSV；如需 HTML、PDF 报告，请与设备进行比对' })
}

export function verifyWork(request: VerifyRequest): TaskWork<'verify'> {
  return async (signal, onProgress) => {
    const result = await runVerify({ cubeDir: request.cube, jobName: request.job, password: request.password, sources: request.sources, samplePercent: request.samplePercent, signal, onProgress })
    const problems = VERIFY_ISSUE_KINDS.reduce((n, kind) => n + result.counts[kind], 0)
    const summary: LocalizedText = problems === 0
      ? { en: `Verified ${result.filesChecked} files (${formatBytes(result.bytesChecked)}) in ${result.packsChecked} packs: no problems`, zh: `已校验 ${result.packsChecked} 个数据包中的 ${result.filesChecked} 个文件（${formatBytes(result.bytesChecked)}）：未发现问题` }
      : { en: `Verified ${result.filesChecked} files: ${problems} problems`, zh: `已校验 ${result.filesChecked} 个文件：发现 ${problems} 个问题` }
    return {
      result,
      lists: { issues: fromArray(result.issues) },
      exportTo: (format, base) => exportVerify(result, format, base),
      outcome: problems === 0 ? 'ok' : 'findings',
      summary,
      dispose: () => undefined,
    }
  }
}

export function compareWork(request: CompareRequest, env: NodeJS.ProcessEnv, print: PdfPrinter): TaskWork<'compare'> {
  return async (signal, onProgress) => {
    const result = await runCompare({
      ...request,
      env,
      password: async () => {
        if (request.password) return request.password
        throw new LcubeError('WRONG_PASSWORD', { en: 'Comparing against a cube needs the job password', zh: '与设备比对需要作业密码' })
      },
      signal,
      onProgress,
      progressIntervalMs: 200,
    })
    const s = result.core.summary
    const summary: LocalizedText = {
      en: `${result.core.safeToDelete ? 'Safe to delete the source' : 'NOT safe to delete the source'}: ${s.match} match, ${s.differ} differ, ${s.missingInTarget} missing, ${s.extraInTarget} extra, ${s.error} errors`,
      zh: `${result.core.safeToDelete ? '可以删除源数据' : '不可删除源数据'}：一致 ${s.match}，不一致 ${s.differ}，目标缺失 ${s.missingInTarget}，目标多出 ${s.extraInTarget}，错误 ${s.error}`,
    }
    return {
      result: result.core,
      lists: Object.fromEntries(COMPARE_CATEGORIES.map((c) => [c, fromSpill(result.rows[c])])),
      exportTo: (format, base) => exportCompare(result, `${base}.${format}`, print),
      outcome: result.core.safeToDelete ? 'ok' : 'findings',
      summary,
      dispose: result.dispose,
    }
  }
}
