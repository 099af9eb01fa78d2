/**
 * Keeps the latest value and passes it on at most once per interval (trailing), so the UI sees
 * snapshots at a steady rate however often the engine reports.
 */
export function latestSampler<T>(intervalMs: number, emit: (value: T) => void): { push(value: T): void; flush(): void } {
  let latest: { value: T } | undefined
  let timer: NodeJS.Timeout | undefined
  let lastEmit = 0
  const fire = () => {
    timer = undefined
    if (!latest) return
    const { value } = latest
    latest = undefined
    lastEmit = performance.now()
    emit(value)
  }
  return {
    push(value) {
      latest = { value }
      if (timer) return
      timer = setTimeout(fire, Math.max(0, intervalMs - (performance.now() - lastEmit)))
    },
    flush() {
      clearTimeout(timer)
      fire()
    },
  }
}
