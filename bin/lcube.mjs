#!/usr/bin/env node
// Runs the TypeScript CLI straight from the sources through tsx, so `npx lcube` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api'

register()
const { runFromProcess } = await import('../src-main/cli/entry.ts')
await runFromProcess()
// The command has finished and said so: a handle left behind (a worker stuck after an unplug, a loader
// thread) must not keep a script waiting. Exit once stdout and stderr have drained.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))))
process.exit()
