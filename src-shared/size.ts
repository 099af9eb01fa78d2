/**
 * Sizes as users type them. K/M/G/T/P are decimal, as the provider states capacities
 * (36 TB = 36e12 bytes); KiB/MiB/GiB/TiB/PiB are binary. A trailing "B" is optional.
 */
const DECIMAL: Readonly<Record<string, number>> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 }
const BINARY: Readonly<Record<string, number>> = { KI: 2 ** 10, MI: 2 ** 20, GI: 2 ** 30, TI: 2 ** 40, PI: 2 ** 50 }
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([KMGTP]I?)?B?$/i

/** Bytes for a size text, or undefined when it is not a positive whole number of bytes. */
export function parseSizeText(input: string): number | undefined {
  const match = SIZE_PATTERN.exec(input.trim())
  if (!match) return undefined
  const unit = (match[2] ?? '').toUpperCase()
  const factor = unit.endsWith('I') ? BINARY[unit] : DECIMAL[unit]
  const bytes = Math.round(Number(match[1]) * (factor ?? 1))
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** Decimal units, matching how capacities are published and how sizes are parsed. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}
