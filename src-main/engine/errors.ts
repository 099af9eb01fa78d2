import type { ErrorCode, ErrorData } from '../../src-shared/errors'
import type { LocalizedText } from '../../src-shared/localized'

/** An expected failure: carries a code that maps to an exit code and a message in both languages. */
export class LcubeError extends Error {
  readonly code: ErrorCode
  readonly text: LocalizedText

  constructor(code: ErrorCode, text: LocalizedText, options?: { cause?: unknown }) {
    super(text.en, options)
    this.name = 'LcubeError'
    this.code = code
    this.text = text
  }

  toData(): ErrorData {
    return { code: this.code, message: this.text }
  }
}

export function badInput(en: string, zh: string): LcubeError {
  return new LcubeError('BAD_INPUT', { en, zh })
}

/** Turns anything thrown into error data; unexpected errors become INTERNAL with their message only. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LcubeError) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: { en: `Internal error: ${message}`, zh: `内部错误：${message}` } }
}
