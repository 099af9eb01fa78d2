import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot } from './browser'

export const E2E_PASSWORD = 'Lc-Migr8!Cube#Hz2026'
const WEAK_CHINESE = 'Woaini1314!'

export type WorkflowContext = Readonly<{ page: Page; scratch: string; source: string; files: number; configDir: string; mode: 'web' | 'electron' }>

const shot = (ctx: WorkflowContext, name: string) => screenshot(ctx.page, `${ctx.mode}-${name}`)

/**
 * The whole migration through the UI against the real service: create a simulated cube, scan, set a
 * password, copy with pause and resume, hand-over sheet, verify, compare, export, history, Chinese.
 * The same steps run in browser mode and, where an Electron binary exists, in the desktop app.
 */
export function describeWorkflow(title: string, context: () => WorkflowContext) {
  describe(title, () => {
    let fingerprint = ''
    const cube = () => join(context().scratch, 'cube-1')

    it('Devices: creates a simulated cube', async () => {
      const { page } = context()
      await page.getByTestId('nav-devices').click()
      await page.getByTestId('simulate-dir').fill(cube())
      await page.getByTestId('simulate-model').selectOption('ii')
      await page.getByTestId('simulate-capacity').fill('2G')
      await page.getByTestId('simulate-submit').click()
      await page.locator(`[data-testid="device-card"][data-path="${cube()}"]`).waitFor()
      await shot(context(), 'devices-en')
    })

    it('Requirement list: scans the source, shows the rule finding, the estimate, and exports CSV, HTML and PDF', async () => {
      const { page, source, files } = context()
      await page.getByTestId('nav-requirements').click()
      await page.getByTestId('scan-sources-input').fill(source)
      await page.getByTestId('scan-sources-add').click()
      await page.getByTestId('scan-bucket').fill('e2e-bucket')
      await page.getByTestId('scan-region').fill('oss-cn-hangzhou')
      await page.getByTestId('scan-probe').uncheck()
      await page.getByTestId('scan-run').click()
      await page.getByTestId('scan-results').waitFor({ timeout: 60_000 })
      expect(await page.getByTestId('scan-files').textContent()).toBe(files.toLocaleString('en-US'))
      expect(await page.getByTestId('scan-violations-row').count()).toBe(1)
      expect(await page.getByTestId('scan-violations-row').first().textContent()).toContain('shortcut')
      expect(await page.getByTestId('scan-recommended').textContent()).toContain('1 × Lightning Cube Mini')
      for (const format of ['csv', 'html', 'pdf']) {
        await page.getByTestId(`scan-export-${format}`).click()
        await page.getByTestId('scan-export-files').filter({ hasText: `.${format}` }).waitFor({ timeout: 60_000 })
      }
      const reports = join(context().configDir, 'reports')
      const written = await readdir(reports)
      expect(written.filter((n) => n.startsWith('scan-')).map((n) => n.replace(/^scan-[\d-]+-[0-9a-f]{8}/, '')).sort()).toEqual(['-skipped.csv', '-violations.csv', '.csv', '.html', '.pdf'])
      const pdf = written.find((n) => n.endsWith('.pdf'))!
      expect((await readFile(join(reports, pdf))).subarray(0, 5).toString()).toBe('%PDF-')
      await shot(context(), 'requirements-en')
    })

    it('Password: the checklist ticks, a common Chinese password is refused, a strong one is held for the copy', async () => {
      const { page } = context()
      await page.getByTestId('nav-password').click()
      const input = page.getByTestId('new-password-input')
      await input.fill('abc')
      expect(await page.locator('[data-testid="new-password-policy"] li[data-met="true"]').count()).toBe(1)
      await input.fill(WEAK_CHINESE)
      await page.getByTestId('new-password-confirm').fill(WEAK_CHINESE)
      expect(await page.locator('[data-testid="new-password-policy"] li[data-met="true"]').count()).toBe(5)
      await page.getByTestId('new-password-common').waitFor()
      expect(await page.getByTestId('password-use').isDisabled()).toBe(true)
      await input.fill(E2E_PASSWORD)
      await page.getByTestId('new-password-confirm').fill('different')
      expect(await page.getByTestId('password-use').isDisabled()).toBe(true)
      await page.getByTestId('new-password-confirm').fill(E2E_PASSWORD)
      await page.locator('[data-testid="new-password-strength"][data-score="4"]').waitFor()
      await page.getByTestId('new-password-toggle').click()
      expect(await input.getAttribute('type')).toBe('text')
      await page.getByTestId('password-use').click()
      await page.getByTestId('password-held').waitFor()
      expect(await input.inputValue()).toBe('')
      await shot(context(), 'password-en')
    })

    it('Copy: starts with a read limit, pauses, resumes, lifts the limit and completes; the chart has points', async () => {
      const { page, files } = context()
      await page.getByTestId('nav-copy').click()
      await page.getByTestId('copy-sources').getByText(context().source).waitFor()
      await page.getByTestId('copy-job').fill('e2e-job')
      await page.getByTestId('copy-limit').fill('1M')
      await page.getByTestId('copy-threads').fill('2')
      await page.getByTestId('copy-start').click()
      await page.locator('[data-testid="copy-phase"][data-phase="copying"]').waitFor({ timeout: 30_000 })
      await page.getByTestId('copy-pause').click()
      await page.locator('[data-testid="copy-phase"][data-phase="paused"]').waitFor()
      await page.getByTestId('copy-checkpoint').filter({ hasNotText: '—' }).waitFor({ timeout: 30_000 })
      await shot(context(), 'copy-paused-en')
      await page.getByTestId('copy-resume').click()
      await page.locator('[data-testid="copy-phase"][data-phase="copying"]').waitFor()
      await page.getByTestId('copy-throttle-apply').click()
      await page.getByTestId('copy-summary').waitFor({ timeout: 120_000 })
      expect(await page.getByTestId('copy-summary').getAttribute('data-status')).toBe('complete')
      expect(await page.getByTestId('copy-summary-files').textContent()).toBe(files.toLocaleString('en-US'))
      expect(Number(await page.getByTestId('throughput-chart').getAttribute('data-points'))).toBeGreaterThan(2)
      expect(await page.getByTestId('copy-problem-table-row').count()).toBe(1)
      fingerprint = (await page.getByTestId('copy-fingerprint').textContent()) ?? ''
      expect(fingerprint).toMatch(/\S{8,}/)
      await shot(context(), 'copy-done-en')
    })

    it('Password: the hand-over sheet names job, device and fingerprint, never the password', async () => {
      const { page } = context()
      await page.getByTestId('nav-password').click()
      await page.getByTestId('handover-pick-job').selectOption('e2e-job')
      await page.getByTestId('handover-show').click()
      await page.getByTestId('handover-sheet').waitFor()
      expect(await page.getByTestId('sheet-fingerprint').textContent()).toBe(fingerprint)
      expect(await page.getByTestId('sheet-job').textContent()).toBe('e2e-job')
      expect(await page.getByTestId('handover-sheet').textContent()).not.toContain(E2E_PASSWORD)
      await shot(context(), 'handover-en')
    })

    it('Verify & Compare: the cube verifies clean, the comparison says safe to delete, and the report exports', async () => {
      const { page } = context()
      await page.getByTestId('nav-verify').click()
      await page.getByTestId('verify-pick-job').selectOption('e2e-job')
      await page.getByTestId('verify-password').fill(E2E_PASSWORD)
      await page.getByTestId('verify-run').click()
      await page.getByTestId('verify-result').waitFor({ timeout: 60_000 })
      expect(await page.getByTestId('verify-result').getAttribute('data-problems')).toBe('0')
      expect(await page.getByTestId('verify-password').inputValue()).toBe('')
      await page.getByTestId('compare-kind').selectOption('cube')
      await page.getByTestId('compare-pick-job').selectOption('e2e-job')
      await page.getByTestId('compare-mode').selectOption('full')
      await page.getByTestId('compare-password').fill(E2E_PASSWORD)
      await page.getByTestId('compare-run').click()
      await page.getByTestId('compare-result').waitFor({ timeout: 60_000 })
      // every regular file matches byte for byte (the symlink is a scan finding, not a file to compare)
      expect(await page.getByTestId('compare-verdict').getAttribute('data-safe')).toBe('true')
      expect(await page.getByTestId('compare-tab-match').getAttribute('data-count')).toBe(String(context().files))
      await page.getByTestId('compare-tab-match').click()
      expect(await page.getByTestId('compare-rows').getAttribute('data-total')).toBe(String(context().files))
      await page.getByTestId('compare-export-html').click()
      await page.getByTestId('compare-export-files').waitFor()
      await shot(context(), 'verify-en')
    })

    it('History: every operation is there with its outcome, log and reports; the password is nowhere', async () => {
      const { page, configDir } = context()
      await page.getByTestId('nav-history').click()
      await page.getByTestId('history-list').waitFor()
      const kinds = await page.getByTestId('history-entry').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-outcome')}`).sort())
      expect(kinds).toEqual(['compare:ok', 'copy:findings', 'scan:findings', 'verify:ok'])
      await page.locator('[data-testid="cube-job"][data-state="complete"]').waitFor()
      await page.locator('[data-testid="history-entry"][data-kind="scan"] summary').click()
      expect(await page.locator('[data-testid="history-entry"][data-kind="scan"] [data-testid="history-reports"] li').count()).toBe(5)
      await shot(context(), 'history-en')
      const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML')
      expect(storage).not.toContain(E2E_PASSWORD)
      for (const dir of ['history', 'reports']) {
        for (const name of await readdir(join(configDir, dir))) {
          expect((await readFile(join(configDir, dir, name))).includes(E2E_PASSWORD)).toBe(false)
        }
      }
    })

    it('Chinese: switches at runtime; every screen renders in Chinese', async () => {
      const { page } = context()
      await page.getByTestId('lang-switch').click()
      expect(await page.getByTestId('app').getAttribute('data-lang')).toBe('zh')
      for (const [screen, heading] of [['devices', '闪电立方设备'], ['requirements', '需求清单'], ['password', '密码'], ['copy', '拷贝'], ['verify', '校验与比对'], ['history', '历史记录']] as const) {
        await page.getByTestId(`nav-${screen}`).click()
        await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor()
        await shot(context(), `${screen}-zh`)
      }
      await page.getByTestId('nav-verify').click()
      expect(await page.getByTestId('compare-verdict').textContent()).toContain('可以删除源数据')
      await page.getByTestId('lang-switch').click()
    })
  })
}
