import type { LocalizedText } from './localized'

/**
 * Error codes shared by engine, service, CLI and renderer. Each maps to one CLI exit code
 * (see src-main/cli/exit-codes.ts) and one UI treatment, so a failure means the same thing everywhere.
 */
export const ERROR_CODES = [
  'USAGE',
  'BAD_INPUT',
  'NOT_FOUND',
  'DIFFERENCES',
  'WRONG_PASSWORD',
  'CORRUPT',
  'DEVICE_MISSING',
  'DEVICE_FULL',
  'INTERRUPTED',
  'LOCKED',
  'NOT_BUILT',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export type ErrorData = Readonly<{ code: ErrorCode; message: LocalizedText }>

export type Result<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ErrorData }>

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(error: ErrorData): Result<T> {
  return { ok: false, error }
}
