#!/usr/bin/env node
// Runs the TypeScript CLI straight from the sources through tsx, so `npx lcube` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api'

register()
const { runFromProcess } = await import('../src-main/cli/entry.ts')
await runFromProcess()
