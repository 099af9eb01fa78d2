import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { LcubeError } from '../errors'
import { htmlToPdf } from './pdf'
import { TextFileWriter } from './text-file'

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The format a report path asks for, from its extension. */
export function reportFormat(path: string): ReportFormat {
  const ext = extname(path).slice(1).toLowerCase()
  const format = ext === 'htm' ? 'html' : ext
  if (!(REPORT_FORMATS as ReadonlyArray<string>).includes(format)) {
    throw new LcubeError('USAGE', { en: `Report file ${path} must end in .json, .csv, .html or .pdf`, zh: `报告文件 ${path} 的扩展名必须是 .json、.csv、.html 或 .pdf` })
  }
  return format as ReportFormat
}

/** Sibling CSV files of a report: report.csv → report-violations.csv. */
export function siblingCsv(path: string, part: string): string {
  return `${path.slice(0, path.length - extname(path).length)}-${part}.csv`
}

export async function writeChunks(path: string, chunks: AsyncIterable<string>): Promise<void> {
  const out = new TextFileWriter(path)
  for await (const chunk of chunks) await out.write(chunk)
  await out.close()
}

/** Prints a self-contained HTML file to a PDF file: headless Chromium for the CLI, the app's own Chromium in Electron. */
export type PdfPrinter = (htmlPath: string, pdfPath: string) => Promise<void>

export function chromiumPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter {
  return (htmlPath, pdfPath) => htmlToPdf(htmlPath, pdfPath, env)
}

/** Renders the HTML to a private temp file and prints it to `pdfPath`. */
export async function writePdfFromHtml(pdfPath: string, html: string, print: PdfPrinter = chromiumPrinter()): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lcube-pdf-'))
  try {
    const htmlPath = join(dir, 'report.html')
    await writeFile(htmlPath, html)
    await print(htmlPath, pdfPath)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
