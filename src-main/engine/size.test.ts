import { describe, expect, it } from 'vitest'
import { LcubeError } from './errors'
import { parseSize } from './size'

describe('parseSize', () => {
  it('returns bytes for valid input', () => {
    expect(parseSize('36T')).toBe(36_000_000_000_000)
  })

  it('throws a BAD_INPUT error in both languages', () => {
    try {
      parseSize('lots')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(LcubeError)
      expect((error as LcubeError).code).toBe('BAD_INPUT')
      expect((error as LcubeError).text.en).toContain('"lots"')
      expect((error as LcubeError).text.zh).toContain('“lots”')
    }
  })
})
