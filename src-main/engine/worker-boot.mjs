// Worker entry when running from TypeScript sources (CLI via tsx, tests): load tsx, then the worker
// module named in workerData.entry (a file: URL).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
