import type { LocalizedText } from '../../../src-shared/localized'

/** Lightning Cube length rules, in UTF-8 bytes (DESIGN.md §3). */
export const MAX_NAME_BYTES = 255
export const MAX_DIR_NAME_BYTES = 200
export const MAX_PATH_BYTES = 1024

export type LengthRule = 'dir-name-length' | 'file-name-length' | 'path-length'

/** The length rule a relative path breaks, with the reason, or undefined when it is fine. */
export function lengthRule(relPath: string, isDirectory: boolean): { rule: LengthRule; text: LocalizedText } | undefined {
  const parts = relPath.split('/')
  const name = parts[parts.length - 1]!
  const dirs = isDirectory ? parts : parts.slice(0, -1)
  for (const dir of dirs) {
    const bytes = Buffer.byteLength(dir)
    if (bytes > MAX_DIR_NAME_BYTES) {
      return { rule: 'dir-name-length', text: { en: `directory name is ${bytes} bytes (limit ${MAX_DIR_NAME_BYTES})`, zh: `目录名为 ${bytes} 字节（上限 ${MAX_DIR_NAME_BYTES}）` } }
    }
  }
  const nameBytes = Buffer.byteLength(name)
  if (!isDirectory && nameBytes > MAX_NAME_BYTES) {
    return { rule: 'file-name-length', text: { en: `file name is ${nameBytes} bytes (limit ${MAX_NAME_BYTES})`, zh: `文件名为 ${nameBytes} 字节（上限 ${MAX_NAME_BYTES}）` } }
  }
  const pathBytes = Buffer.byteLength(relPath)
  if (pathBytes > MAX_PATH_BYTES) {
    return { rule: 'path-length', text: { en: `path is ${pathBytes} bytes (limit ${MAX_PATH_BYTES})`, zh: `路径为 ${pathBytes} 字节（上限 ${MAX_PATH_BYTES}）` } }
  }
  return undefined
}

/** Why a relative path breaks the length rules, or undefined when it is fine. */
export function lengthViolation(relPath: string, isDirectory: boolean): LocalizedText | undefined {
  return lengthRule(relPath, isDirectory)?.text
}
