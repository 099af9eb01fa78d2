import { BrowserWindow } from 'electron'
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

/**
 * Prints a report's self-contained HTML file with Electron's own Chromium: a hidden, sandboxed window with
 * JavaScript off (reports need none), so PDF export works on machines without Chrome or Edge.
 */
export async function printPdfWithElectron(htmlPath: string, pdfPath: string): Promise<void> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  })
  try {
    await window.loadURL(pathToFileURL(htmlPath).href)
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
    await writeFile(pdfPath, pdf)
  } finally {
    window.destroy()
  }
}
