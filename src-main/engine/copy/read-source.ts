import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs'
import { toSourceStat, type SourceStat } from '../scan/walk'
import type { ReadOutcome } from './worker-protocol'

/** Identity of a file's content at a moment: if any of these moved, the bytes read may be a mix. */
function sameVersion(a: BigIntStats, b: BigIntStats): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino
}

export type OpenSource = { fd: number; before: BigIntStats; size: number }

/** A link put where the file was is not followed (O_NOFOLLOW where the platform has it). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)

/**
 * Opens a source file for reading. With the identity the walk saw, a file that is now another file
 * (replaced, or reached through a folder swapped for a link) is refused: its bytes may come from
 * outside the source root.
 */
export function openSource(abs: string, identity?: Readonly<{ dev: number; ino: number }>): OpenSource | ReadOutcome {
  try {
    const fd = openSync(abs, OPEN_FLAGS)
    const before = fstatSync(fd, { bigint: true })
    if (!before.isFile()) {
      closeSync(fd)
      return { status: 'changed', reason: 'no longer a regular file', reasonZh: '已不再是普通文件', bytes: 0 }
    }
    if (identity && (Number(before.dev) !== identity.dev || Number(before.ino) !== identity.ino)) {
      closeSync(fd)
      return { status: 'changed', reason: 'replaced by another file since it was listed', reasonZh: '列出后被另一个文件替换', bytes: 0 }
    }
    return { fd, before, size: Number(before.size) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    if (code === 'ENOENT') return { status: 'changed', reason: 'deleted during copy', reasonZh: '拷贝期间被删除', bytes: 0 }
    if (code === 'ELOOP') return { status: 'changed', reason: 'replaced by a symbolic link since it was listed (not followed)', reasonZh: '列出后被替换为符号链接（不跟随）', bytes: 0 }
    return { status: 'error', reason: `cannot read: ${code}`, reasonZh: `无法读取：${code}`, bytes: 0 }
  }
}

/** Reads up to length bytes at position; fewer only at end of file. */
export function readChunk(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafeSlow(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return done === length ? buf : buf.subarray(0, done)
}

/**
 * Closes the file and decides: the bytes read count as the file only when the stat after reading equals
 * the stat before and the byte count equals the size (a short read from a vanishing source is never an
 * empty or shorter file).
 */
export function finishSource(source: OpenSource, bytesRead: number, digest: () => { sha256: string; crc64: string }): ReadOutcome {
  let after: BigIntStats
  try {
    after = fstatSync(source.fd, { bigint: true })
  } catch (error) {
    return { status: 'error', reason: `stat after read failed: ${(error as NodeJS.ErrnoException).code}`, reasonZh: `读取后获取属性失败：${(error as NodeJS.ErrnoException).code}`, bytes: bytesRead }
  } finally {
    closeSync(source.fd)
  }
  if (!sameVersion(source.before, after) || bytesRead !== source.size) {
    return { status: 'changed', reason: `changed while being read (size ${source.size} → ${after.size}, ${bytesRead} bytes read)`, reasonZh: `读取期间发生变化（大小 ${source.size} → ${after.size}，读取 ${bytesRead} 字节）`, bytes: bytesRead }
  }
  const stat: SourceStat = toSourceStat(after)
  return { status: 'ok', ...digest(), stat, bytes: bytesRead }
}
