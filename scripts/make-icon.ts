// Renders build/icon.png (1024×1024, transparent corners) from the SVG below with the Chromium the
// browser tests use; electron-builder derives the Windows .ico and macOS .icns from it.
// Run: node --import tsx scripts/make-icon.ts
import { join } from 'node:path'
import { launchChromium } from '../e2e/helpers/browser'

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ff8a1f"/><stop offset="1" stop-color="#e85400"/></linearGradient></defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#g)"/>
  <path d="M300 360 L512 250 L724 360 L724 664 L512 774 L300 664 Z" fill="none" stroke="#fff" stroke-opacity="0.35" stroke-width="28" stroke-linejoin="round"/>
  <path d="M566 190 L360 560 L500 560 L446 834 L680 430 L536 430 Z" fill="#fff"/>
</svg>`

const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`)
await page.screenshot({ path: join(import.meta.dirname, '..', 'build', 'icon.png'), omitBackground: true })
await browser.close()
