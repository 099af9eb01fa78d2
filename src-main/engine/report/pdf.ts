import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { LcubeError } from '../errors'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
]

/** A Chromium-family browser to print with: LCUBE_CHROMIUM, else the usual install paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LCUBE_CHROMIUM) return existsSync(env.LCUBE_CHROMIUM) ? env.LCUBE_CHROMIUM : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

/**
 * Prints a self-contained HTML report to PDF with headless Chromium (the desktop app prints through its
 * own window instead). Offline: networking is off and the page loads nothing from outside.
 */
export async function htmlToPdf(htmlPath: string, pdfPath: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const browser = findChromium(env)
  if (!browser) {
    throw new LcubeError('NOT_FOUND', {
      en: 'PDF needs Chromium, Chrome or Edge: install one (Debian: apt-get install chromium) or set LCUBE_CHROMIUM, or export .html and print it from a browser',
      zh: '导出 PDF 需要 Chromium、Chrome 或 Edge：请安装（Debian：apt-get install chromium）或设置 LCUBE_CHROMIUM，也可导出 .html 后在浏览器中打印',
    })
  }
  const args = [
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-extensions',
    '--no-first-run',
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ]
  // Chromium refuses to run as root with its sandbox on; a report page from our own HTML is safe without it.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox')
  await new Promise<void>((resolve, reject) => {
    execFile(browser, args, { timeout: 120_000, env: { ...env, HOME: env.HOME ?? '/tmp' } }, (error, _stdout, stderr) => {
      if (error) reject(new LcubeError('INTERNAL', { en: `Chromium could not print the PDF: ${error.message} ${stderr.slice(-400)}`, zh: `Chromium 无法生成 PDF：${error.message} ${stderr.slice(-400)}` }))
      else resolve()
    })
  })
  const written = await stat(pdfPath).catch(() => undefined)
  if (!written || written.size === 0) throw new LcubeError('INTERNAL', { en: `Chromium wrote no PDF at ${pdfPath}`, zh: `Chromium 未在 ${pdfPath} 生成 PDF` })
}
