import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { PRODUCT_VERSION } from './product'

it('PRODUCT_VERSION matches package.json', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  expect(PRODUCT_VERSION).toBe(pkg.version)
})
