import { appendFileSync } from 'node:fs'

/**
 * Prints a reliability test's counts (faults injected, inputs tried, runs, bytes lost) in one line the CI
 * log keeps, and appends them to LCUBE_RELIABILITY_OUT when set (docs/RELIABILITY.md is made from them).
 */
export function reportCounts(test: string, counts: Readonly<Record<string, number>>): void {
  const line = Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')
  console.log(`[reliability] ${test}: ${line}`)
  const out = process.env.LCUBE_RELIABILITY_OUT
  if (out) appendFileSync(out, `${JSON.stringify({ test, ...counts, at: new Date().toISOString() })}\n`)
}

/** Long variants (more kills, more fuzz time) run with LCUBE_LONG=1; CI runs the short ones. */
export const LONG = process.env.LCUBE_LONG === '1'
