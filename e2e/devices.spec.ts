import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatedCube } from '../src-main/device/simulate'
import { launchChromium, screenshot } from './helpers/browser'
import { startUiServer, type UiServer } from './helpers/ui-server'

let server: UiServer
let browser: Browser
let page: Page
let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lcube-e2e-'))
  server = await startUiServer()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
})

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(130)
  await rm(scratch, { recursive: true, force: true })
})

describe('Devices screen in browser mode, against the real service', () => {
  it('opens with the token, drops it from the address bar, and shows the empty state', async () => {
    await page.goto(server.url)
    await page.getByTestId('devices-empty').waitFor()
    expect(page.url()).not.toContain('token=')
    expect(await page.getByTestId('app-mode').textContent()).toContain('Browser mode')
    await screenshot(page, 'devices-empty-en')
  })

  it('creates a simulated cube through the form', async () => {
    const dir = join(scratch, 'form-cube')
    await page.getByTestId('simulate-dir').fill(dir)
    await page.getByTestId('simulate-model').selectOption('iii')
    await page.getByTestId('simulate-capacity').fill('960T')
    await page.getByTestId('simulate-submit').click()
    const card = page.locator(`[data-testid="device-card"][data-path="${dir}"]`)
    await card.waitFor()
    expect(await card.locator('h3').textContent()).toBe('Lightning Cube III')
    expect(await card.textContent()).toContain('960 TB')
    expect(await card.getByTestId('device-status').textContent()).toBe('Ready')
    expect(await page.getByTestId('simulate-created').textContent()).toContain(dir)
  })

  it('shows a bad capacity as a field error without calling the service', async () => {
    await page.getByTestId('simulate-dir').fill(join(scratch, 'never'))
    await page.getByTestId('simulate-capacity').fill('lots')
    expect(await page.getByTestId('simulate-submit').isDisabled()).toBe(true)
    await page.getByTestId('simulate-capacity').fill('')
  })

  it('reports a service error as data in the page', async () => {
    await page.getByTestId('simulate-dir').fill(join(scratch, 'form-cube'))
    await page.getByTestId('simulate-submit').click()
    const banner = page.getByTestId('error-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('is already a Lightning Cube')
    await banner.getByRole('button').click()
  })

  it('shows a cube plugged in and unplugged under a mount root live, without reloading', async () => {
    const dir = join(server.mountRoot, 'LC-MINI')
    await createSimulatedCube({ dir, model: 'mini', serial: 'LCM-E2E-PLUG' })
    const card = page.locator('[data-testid="device-card"][data-serial="LCM-E2E-PLUG"]')
    await card.waitFor({ timeout: 10_000 })
    await page.locator('[data-testid="device-event"][data-kind="plugged"]').first().waitFor()
    await screenshot(page, 'devices-plugged-en')
    await rm(dir, { recursive: true })
    await card.waitFor({ state: 'detached', timeout: 10_000 })
    await page.locator('[data-testid="device-event"][data-kind="unplugged"]').first().waitFor()
  })

  it('switches to Chinese at runtime and keeps it after a reload', async () => {
    await page.getByTestId('lang-switch').click()
    await page.getByRole('heading', { name: '闪电立方迁移助手' }).waitFor()
    expect(await page.getByTestId('app').getAttribute('data-lang')).toBe('zh')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.getByTestId('simulate-submit').textContent()).toBe('创建模拟设备')
    await screenshot(page, 'devices-zh')
    await page.reload()
    await page.getByRole('heading', { name: '闪电立方设备' }).waitFor()
    // the heading renders at once; the list arrives with the service's answer
    await page.locator('[data-testid="device-card"]').first().waitFor()
    expect(await page.locator('[data-testid="device-card"]').count()).toBe(1)
  })

  it('a page without the token gets no data', async () => {
    const other = await browser.newPage()
    await other.goto(server.url.replace(/\?token=.*/, ''))
    await other.getByTestId('error-banner').waitFor()
    expect(await other.getByTestId('error-banner').getAttribute('data-code')).toBe('BAD_INPUT')
    await other.close()
  })
})
