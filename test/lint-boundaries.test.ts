import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message)
}

describe('lint enforces the runtime layers', () => {
  it.each(['engine', 'device', 'service', 'cli', 'web'])('src-main/%s may not import electron', async (layer) => {
    const errors = await restrictedImportErrors(`src-main/${layer}/bad-fixture.ts`, "import { app } from 'electron'\nexport const x = app\n")
    expect(errors).toEqual([expect.stringContaining('Only src-main/electron may import electron')])
    const sub = await restrictedImportErrors(`src-main/${layer}/bad-fixture.ts`, "import { x } from 'electron/main'\nexport const y = x\n")
    expect(sub).toHaveLength(1)
    const glue = await restrictedImportErrors(`src-main/${layer}/bad-fixture.ts`, "import { wireIpc } from '../electron/ipc'\nexport const w = wireIpc\n")
    expect(glue).toEqual([expect.stringContaining('Only the Electron entry composes src-main/electron')])
  })

  it('src-main/electron may import electron', async () => {
    expect(await restrictedImportErrors('src-main/electron/fixture.ts', "import { app } from 'electron'\nexport const x = app\n")).toEqual([])
  })

  it.each([
    "import { readFile } from 'node:fs'",
    "import { readFile } from 'fs'",
    "import { join } from 'path'",
    "import { Worker } from 'worker_threads'",
    "import { promises } from 'fs/promises'",
    "import { ipcRenderer } from 'electron'",
    "import { listDevices } from '../../src-main/device/device-service'",
  ])('the renderer may not: %s', async (line) => {
    const errors = await restrictedImportErrors('src-renderer/src/bad-fixture.ts', `${line}\nexport const z = 1\n`)
    expect(errors).toHaveLength(1)
  })

  it('the renderer may not touch Node globals', async () => {
    const errors = await restrictedImportErrors('src-renderer/src/bad-fixture.ts', 'export const home = process.env.HOME\n')
    expect(errors).toEqual([expect.stringContaining('No Node globals')])
  })

  it('the renderer may import the shared contract and React', async () => {
    const code = "import { buildApi } from '../../src-shared/contract'\nimport { useState } from 'react'\nexport const a = [buildApi, useState]\n"
    expect(await restrictedImportErrors('src-renderer/src/good-fixture.ts', code)).toEqual([])
  })

  it('the shared contract imports neither Node, Electron nor React', async () => {
    for (const line of ["import { join } from 'node:path'", "import { app } from 'electron'", "import { useState } from 'react'"]) {
      expect(await restrictedImportErrors('src-shared/bad-fixture.ts', `${line}\nexport const q = 1\n`)).toHaveLength(1)
    }
  })

  it('the whole tree passes lint as committed', async () => {
    const results = await eslint.lintFiles(['src-main', 'src-shared', 'src-renderer', 'src-preload'])
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))
    expect(problems).toEqual([])
  })
})
