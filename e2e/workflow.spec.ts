import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/browser'
import { makeSourceTree } from './helpers/source-tree'
import { startUiServer, type UiServer } from './helpers/ui-server'
import { describeWorkflow, type WorkflowContext } from './helpers/workflow'

let server: UiServer
let browser: Browser
let page: Page
let ctx: WorkflowContext

beforeAll(async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'lcube-e2e-flow-'))
  const source = join(scratch, 'source')
  const { files } = await makeSourceTree(source)
  // a low scrypt cost keeps key derivation short; the format and the checks are the same
  server = await startUiServer({ LCUBE_SCRYPT_LOGN: '12' })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  await page.goto(server.url)
  await page.getByTestId('devices-screen').waitFor()
  ctx = { page, scratch, source, files, configDir: server.configDir, mode: 'web' }
})

afterAll(async () => {
  await browser?.close()
  expect(await server?.stop()).toBe(130)
  await rm(ctx.scratch, { recursive: true, force: true })
})

describeWorkflow('The whole migration in browser mode, against the real service', () => ctx)

async function waitText(read: () => Promise<string | null>, expected: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while ((await read()) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected "${expected}", still "${await read()}"`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('Browser-only: the in-page folder picker', () => {
  it('browses the service machine\'s folders and adds the chosen one as a source', async () => {
    await page.getByTestId('nav-requirements').click()
    await page.getByRole('button', { name: `Remove ${ctx.source}` }).click()
    await page.getByTestId('scan-sources').getByRole('button', { name: 'Browse…' }).click()
    const picker = page.getByTestId('folder-picker')
    await picker.waitFor()
    const path = () => page.getByTestId('picker-path').textContent()
    await waitText(async () => ((await path()) === '…' ? null : 'loaded'), 'loaded')
    while ((await path()) !== '/') {
      const before = await path()
      await picker.getByRole('button', { name: /Up one level/ }).click()
      await waitText(async () => ((await path()) === before ? 'same' : 'moved'), 'moved')
    }
    let expected = ''
    for (const part of ctx.source.split('/').filter(Boolean)) {
      expected += `/${part}`
      await picker.getByTestId('picker-dir').getByText(part, { exact: true }).click()
      await waitText(path, expected)
    }
    await page.getByTestId('picker-choose').click()
    await page.getByTestId('scan-sources').getByText(ctx.source, { exact: true }).waitFor()
    expect(await page.getByTestId('folder-picker').count()).toBe(0)
  })
})
