import { parseSizeText } from '../../src-shared/size'
import { badInput } from './errors'

export { formatBytes } from '../../src-shared/size'

/** parseSizeText for command lines: a clear error instead of undefined. */
export function parseSize(input: string): number {
  const bytes = parseSizeText(input)
  if (bytes === undefined) {
    throw badInput(
      `Invalid size "${input}": use plain bytes or a number with K, M, G, T, P (decimal) or KiB, MiB, GiB, TiB (binary), e.g. 36T or 500G`,
      `无效的容量“${input}”：请使用字节数，或数字加 K、M、G、T、P（十进制）或 KiB、MiB、GiB、TiB（二进制），例如 36T、500G`,
    )
  }
  return bytes
}
