import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { createCrc64 } from '../../src-main/engine/hash'
import { lcube, type CliRun } from '../helpers/cli'

const schema = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'docs', 'schemas', 'compare-report.v1.schema.json'), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats(ajv)
export const validateCompareReport = ajv.compile(schema)

export type Row = { path: string; key: string; category: string; matchedBy: string | null; detail: string; sourceSize: number | null; targetSize: number | null }
export type Report = {
  summary: Record<string, number> & { bytes: Record<string, number>; matchedBy: Record<string, number> }
  safeToDelete: boolean
  verdict: Array<{ en: string }>
  notes: Array<{ en: string }>
  entries: Record<'match' | 'differ' | 'missingInTarget' | 'extraInTarget' | 'error', Row[]>
}

/** Runs lcube compare --json and returns the exit code and the validated report. */
export async function compare(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ run: CliRun; report: Report }> {
  const run = await lcube(['compare', ...args, '--json'], env)
  const last = run.stdout.trim().split('\n').pop() ?? ''
  if (!last.startsWith('{"event":"report"')) throw new Error(`no report (exit ${run.code}): ${run.stderr}`)
  const report = JSON.parse(last).report as Report
  if (!validateCompareReport(report)) throw new Error(`report breaks its schema: ${JSON.stringify(validateCompareReport.errors)}`)
  return { run, report }
}

/** "category path" pairs, sorted: the whole outcome of a comparison in one comparable value. */
export function outcome(report: Report): string[] {
  return Object.values(report.entries).flat().map((r) => `${r.category} ${r.path}`).sort()
}

export async function checksums(data: Buffer): Promise<{ md5: string; crc64: string; crc64Decimal: string }> {
  const crc = await createCrc64()
  crc.update(data)
  const hex = crc.digest('hex')
  return { md5: createHash('md5').update(data).digest('hex'), crc64: hex, crc64Decimal: BigInt(`0x${hex}`).toString() }
}
