// Worker entry when running from TypeScript sources (CLI via tsx, tests): load tsx, then the worker.
import { register } from 'tsx/esm/api'

register()
await import('./copy-worker.ts')
