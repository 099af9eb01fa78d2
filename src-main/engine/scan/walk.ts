import { lstatSync, readdirSync, readlinkSync, statSync, type BigIntStats } from 'node:fs'
import { join } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { lengthViolation } from './cube-rules'

export type SourceStat = Readonly<{ size: number; mtimeNs: string; ctimeNs: string; mode: number; ino: number; dev: number; nlink: number; uid: number }>

export type WalkItem =
  | Readonly<{ kind: 'file'; rel: string; abs: string; stat: SourceStat }>
  | Readonly<{ kind: 'dir'; rel: string; abs: string; stat: SourceStat; empty: boolean; entries: number }>
  | Readonly<{ kind: 'symlink'; rel: string; abs: string; stat: SourceStat; target: string }>
  | Readonly<{ kind: 'skip'; rel: string; abs: string; reason: LocalizedText; code: SkipCode; stat?: SourceStat; isDir?: boolean }>

export type SkipCode = 'special' | 'symlink' | 'unreadable' | 'name' | 'length'

export type WalkOptions = Readonly<{
  transferSymlinks: boolean
  /** Skip entries that break the length rules (copy does); the scan reports them and still counts them. */
  checkLengths?: boolean
}>

const decoder = new TextDecoder('utf-8', { fatal: true })

export function toSourceStat(stat: BigIntStats): SourceStat {
  return { size: Number(stat.size), mtimeNs: stat.mtimeNs.toString(), ctimeNs: stat.ctimeNs.toString(), mode: Number(stat.mode), ino: Number(stat.ino), dev: Number(stat.dev), nlink: Number(stat.nlink), uid: Number(stat.uid) }
}

function specialKind(stat: BigIntStats): string {
  if (stat.isCharacterDevice()) return 'character device'
  if (stat.isBlockDevice()) return 'block device'
  if (stat.isFIFO()) return 'FIFO'
  if (stat.isSocket()) return 'socket'
  return 'special file'
}

const SPECIAL_ZH: Record<string, string> = { 'character device': '字符设备', 'block device': '块设备', FIFO: '命名管道', socket: '套接字', 'special file': '特殊文件' }

type Frame = { rel: string; abs: string; names: Buffer[]; next: number; dev: bigint; ino: bigint; root: boolean }

/**
 * Is the folder at `abs` still the one that was listed? A folder swapped for a link (or another folder)
 * after it was listed would lead every later path through it outside the source root.
 */
function sameFolder(frame: Pick<Frame, 'abs' | 'dev' | 'ino' | 'root'>): boolean {
  try {
    // the root was given by the user and may itself be reached through a link; folders below are never followed
    const now = frame.root ? statSync(frame.abs, { bigint: true }) : lstatSync(frame.abs, { bigint: true })
    return now.isDirectory() && now.dev === frame.dev && now.ino === frame.ino
  } catch {
    return false
  }
}

const SWAPPED = { en: 'folder was replaced (by a link or another folder) while being read; not followed', zh: '文件夹在读取时被替换（为链接或其他文件夹），未跟随' }

/**
 * Walks a source tree depth-first in path order (the order of pathSortKey), one directory listing in
 * memory per level, so a job and its index can be merged with the walk in bounded memory. Symlinks are
 * never followed. Sync calls in small slices: far cheaper per file than promises, and the loop yields.
 */
export async function* walkSource(root: string, options: WalkOptions): AsyncGenerator<WalkItem> {
  const stack: Frame[] = []
  const open = (rel: string, abs: string, seen: BigIntStats, root = false): Frame | WalkItem => {
    try {
      const names = readdirSync(abs, { encoding: 'buffer' })
      const frame: Frame = { rel, abs, names, next: 0, dev: seen.dev, ino: seen.ino, root }
      if (!sameFolder(frame)) return { kind: 'skip', rel, abs, code: 'unreadable', reason: SWAPPED }
      names.sort((a, b) => Buffer.compare(a, b))
      return frame
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
      return { kind: 'skip', rel, abs, code: 'unreadable', reason: { en: `directory cannot be read: ${code}`, zh: `目录无法读取：${code}` } }
    }
  }
  let rootStat: BigIntStats
  try {
    rootStat = statSync(root, { bigint: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    yield { kind: 'skip', rel: '', abs: root, code: 'unreadable', reason: { en: `directory cannot be read: ${code}`, zh: `目录无法读取：${code}` } }
    return
  }
  const rootFrame = open('', root, rootStat, true)
  if ('kind' in rootFrame) {
    yield rootFrame
    return
  }
  stack.push(rootFrame)
  let sinceYield = 0
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    if (frame.next >= frame.names.length) {
      stack.pop()
      continue
    }
    const raw = frame.names[frame.next++]!
    if (++sinceYield >= 512) {
      sinceYield = 0
      await new Promise((resolve) => setImmediate(resolve))
    }
    let name: string
    try {
      name = decoder.decode(raw)
    } catch {
      // Shown as Latin-1 (every byte one character); stat'ed through the raw bytes so the scan can count it.
      const shown = raw.toString('latin1')
      let named: BigIntStats | undefined
      try {
        named = lstatSync(Buffer.concat([Buffer.from(`${frame.abs}/`), raw]), { bigint: true })
      } catch {
        named = undefined
      }
      const rel = frame.rel ? `${frame.rel}/${shown}` : shown
      const reason = { en: 'name is not valid UTF-8', zh: '名称不是有效的 UTF-8' }
      yield named
        ? { kind: 'skip', rel, abs: join(frame.abs, shown), code: 'name', reason, stat: toSourceStat(named), isDir: named.isDirectory() }
        : { kind: 'skip', rel, abs: join(frame.abs, shown), code: 'name', reason }
      continue
    }
    const rel = frame.rel ? `${frame.rel}/${name}` : name
    const abs = join(frame.abs, name)
    let stat: BigIntStats
    try {
      stat = lstatSync(abs, { bigint: true })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
      if (code === 'ENOENT' && sameFolder(frame)) continue // deleted since the listing: nothing to copy
      if (!sameFolder(frame)) {
        stack.pop()
        yield { kind: 'skip', rel: frame.rel, abs: frame.abs, code: 'unreadable', reason: SWAPPED }
        continue
      }
      yield { kind: 'skip', rel, abs, code: 'unreadable', reason: { en: `cannot stat: ${code}`, zh: `无法读取属性：${code}` } }
      continue
    }
    // the entry was reached through its folder's path: if the folder was swapped since, this is not ours
    if (!sameFolder(frame)) {
      stack.pop()
      yield { kind: 'skip', rel: frame.rel, abs: frame.abs, code: 'unreadable', reason: SWAPPED }
      continue
    }
    const violation = options.checkLengths === false ? undefined : lengthViolation(rel, stat.isDirectory())
    if (violation) {
      yield { kind: 'skip', rel, abs, code: 'length', reason: violation }
      continue
    }
    if (stat.isDirectory()) {
      const child = open(rel, abs, stat)
      if ('kind' in child) {
        yield child
        continue
      }
      yield { kind: 'dir', rel, abs, stat: toSourceStat(stat), empty: child.names.length === 0, entries: child.names.length }
      stack.push(child)
    } else if (stat.isFile()) {
      yield { kind: 'file', rel, abs, stat: toSourceStat(stat) }
    } else if (stat.isSymbolicLink()) {
      if (!options.transferSymlinks) {
        yield { kind: 'skip', rel, abs, code: 'symlink', reason: { en: 'symbolic link (use --transfer-symlinks to copy links)', zh: '符号链接（如需迁移链接请加 --transfer-symlinks）' } }
        continue
      }
      let target: string
      try {
        target = readlinkSync(abs)
      } catch (error) {
        yield { kind: 'skip', rel, abs, code: 'unreadable', reason: { en: `cannot read link: ${(error as NodeJS.ErrnoException).code}`, zh: `无法读取链接：${(error as NodeJS.ErrnoException).code}` } }
        continue
      }
      yield { kind: 'symlink', rel, abs, stat: toSourceStat(stat), target }
    } else {
      const kind = specialKind(stat)
      yield { kind: 'skip', rel, abs, code: 'special', reason: { en: `${kind} (not migrated)`, zh: `${SPECIAL_ZH[kind]}（不迁移）` }, stat: toSourceStat(stat) }
    }
  }
}
