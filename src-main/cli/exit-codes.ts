import type { ErrorCode } from '../../src-shared/errors'

/** Exit codes every lcube command uses; documented in README.md. */
export const EXIT = {
  OK: 0,
  DIFFERENCES: 1,
  USAGE: 2,
  WRONG_PASSWORD: 3,
  CORRUPT: 4,
  DEVICE: 5,
  INTERNAL: 10,
  INTERRUPTED: 130,
} as const

const BY_CODE: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT.USAGE,
  BAD_INPUT: EXIT.USAGE,
  NOT_FOUND: EXIT.USAGE,
  LOCKED: EXIT.USAGE,
  NOT_BUILT: EXIT.USAGE,
  DIFFERENCES: EXIT.DIFFERENCES,
  WRONG_PASSWORD: EXIT.WRONG_PASSWORD,
  CORRUPT: EXIT.CORRUPT,
  DEVICE_MISSING: EXIT.DEVICE,
  DEVICE_FULL: EXIT.DEVICE,
  INTERRUPTED: EXIT.INTERRUPTED,
  INTERNAL: EXIT.INTERNAL,
}

export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code]
}
