import { describe, expect, it } from 'vitest'
import { formatBytes, parseSizeText } from './size'

describe('parseSizeText', () => {
  it.each([
    ['36T', 36e12],
    ['500G', 500e9],
    ['10M', 10e6],
    ['4096', 4096],
    ['1.5T', 1.5e12],
    ['100TB', 100e12],
    ['2KiB', 2048],
    ['1GiB', 2 ** 30],
    ['3 tib', 3 * 2 ** 40],
    [' 480t ', 480e12],
    ['7b', 7],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseSizeText(text)).toBe(bytes)
  })

  it.each(['', 'abc', '-5G', '0', '0.0001', '12X', '1e9', '5GG', '9999999P', 'T', '1,5T'])('rejects %j', (text) => {
    expect(parseSizeText(text)).toBeUndefined()
  })
})

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 KB'],
    [36e12, '36.0 TB'],
    [100e12, '100 TB'],
    [480e12, '480 TB'],
    [1234567, '1.23 MB'],
  ])('%d reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})
