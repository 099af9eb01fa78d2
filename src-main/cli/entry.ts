import { runCli } from './main'

/** Process entry: SIGINT/SIGTERM abort the running command, which stops cleanly (exit 130). */
export async function runFromProcess(): Promise<void> {
  const controller = new AbortController()
  let interrupts = 0
  const onSignal = () => {
    interrupts += 1
    if (interrupts > 1) process.exit(130)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const code = await runCli(process.argv.slice(2), undefined, controller.signal)
  process.exitCode = code
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
}
