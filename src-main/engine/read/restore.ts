import { createHash } from 'node:crypto'
import { chmodSync, closeSync, ftruncateSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, symlinkSync, utimesSync, writeSync } from 'node:fs'
import { mkdir, realpath } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { initZstd } from '../codec/zstd'
import { LcubeError } from '../errors'
import type { FileEntry } from '../format/entry'
import { createCrc64, FileHasher, sha256File } from '../hash'
import { jobEntries } from '../job/manifest'
import { openJob } from '../job/open-job'
import { PartReader } from './part-reader'
import { globToRegExp, safeTarget } from './safe-path'

export type RestoreOptions = Readonly<{ cubeDir: string; jobName: string; password: string; targetDir: string; only?: string; signal?: AbortSignal; onProgress?: (p: RestoreProgress) => void }>

export type RestoreProgress = { files: number; bytes: number; current: string }

export type RestoreIssue = Readonly<{ path: string; reason: LocalizedText }>

export type RestoreSummary = Readonly<{
  status: 'complete' | 'interrupted'
  files: number
  dirs: number
  symlinks: number
  bytes: number
  alreadyPresent: number
  /** Entries refused because their path would leave the target, or cross a link. */
  refused: ReadonlyArray<RestoreIssue>
  /** Files whose data failed authentication or its hash: not written. */
  corrupt: ReadonlyArray<RestoreIssue>
  /** Entries the copy recorded as skipped, changed or unreadable: there is nothing to restore. */
  notCopied: number
  complete: boolean
  durationMs: number
}>

/**
 * Times in the manifest are nanoseconds; utimes takes seconds as a double (about 0.2 µs resolution
 * today) and libuv truncates. Aiming at the middle of the microsecond keeps the restored time in the
 * original's microsecond (and millisecond) instead of a hair below it.
 */
export function utimesSeconds(ns: string): number {
  return (Number(BigInt(ns) / 1000n) + 0.5) / 1e6
}

const ZERO_BLOCK = Buffer.alloc(64 * 1024)

/** Writes data at position, leaving all-zero 64 KiB blocks as holes: a sparse disk image stays sparse. */
function writeSparse(fd: number, data: Uint8Array, position: number): void {
  for (let block = 0; block < data.length; block += ZERO_BLOCK.length) {
    const chunk = data.subarray(block, Math.min(block + ZERO_BLOCK.length, data.length))
    if (chunk.length === ZERO_BLOCK.length && ZERO_BLOCK.equals(chunk)) continue
    for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at, position + block + at)
  }
}

function isUnder(parent: string, child: string): boolean {
  return parent === '' || child.startsWith(`${parent}/`)
}

/**
 * Writes a job's files into targetDir byte-exact, with empty folders and mtimes. Never writes outside
 * targetDir: hostile paths are refused and every folder on the way is checked to be a real folder, not
 * a link. Resumable: files already restored (same size and mtime) are kept.
 */
export async function runRestore(options: RestoreOptions): Promise<RestoreSummary> {
  try {
    return await restoreInto(options)
  } catch (error) {
    throw targetWriteError(error, options.targetDir)
  }
}

/** A full restore target is a clean, resumable stop (exit 5), like a full cube. */
function targetWriteError(error: unknown, targetDir: string): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (error instanceof LcubeError || !['ENOSPC', 'EDQUOT', 'EFBIG'].includes(code)) return error
  return new LcubeError('DEVICE_FULL', {
    en: `The restore target ${targetDir} is full (${code}). Free space there, then run the same restore again: files already restored are kept`,
    zh: `恢复目标 ${targetDir} 已满（${code}）。请释放空间后再次运行同一恢复命令：已恢复的文件会保留`,
  }, { cause: error })
}

async function restoreInto(options: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now()
  await initZstd()
  const job = await openJob(options.cubeDir, options.jobName, options.password)
  await mkdir(options.targetDir, { recursive: true })
  const root = await realpath(options.targetDir)
  const only = options.only ? globToRegExp(options.only) : undefined
  const reader = new PartReader(job.paths, job.keys)
  const listing = await jobEntries(job.paths, job.keys)
  const crc = await createCrc64()
  const refused: RestoreIssue[] = []
  const corrupt: RestoreIssue[] = []
  const dirStack: FileEntry[] = []
  const verifiedDirs = new Set<string>()
  let files = 0, dirs = 0, symlinks = 0, bytes = 0, alreadyPresent = 0, notCopied = 0
  let interrupted = false

  /** Creates or checks each folder from root down: an existing link on the way is refused, never followed. */
  const ensureDir = async (rel: string): Promise<boolean> => {
    if (rel === '' || verifiedDirs.has(rel)) return true
    if (!(await ensureDir(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''))) return false
    const full = join(root, ...rel.split('/'))
    const info = lstatSync(full, { throwIfNoEntry: false })
    if (!info) mkdirSync(full)
    else if (!info.isDirectory() || info.isSymbolicLink()) return false
    if (verifiedDirs.size > 10_000) verifiedDirs.clear()
    verifiedDirs.add(rel)
    return true
  }

  const closeDirsUntil = async (path: string | undefined) => {
    while (dirStack.length > 0 && (path === undefined || !isUnder(dirStack[dirStack.length - 1]!.path, path))) {
      const dir = dirStack.pop()!
      const full = safeTarget(root, dir.path)!
      try {
        chmodSync(full, (dir.mode & 0o777) | 0o700)
        utimesSync(full, utimesSeconds(dir.mtimeNs), utimesSeconds(dir.mtimeNs))
      } catch {
        // a folder's own metadata is best effort; its files are what must be exact
      }
    }
  }

  const writeFile = async (entry: FileEntry, dest: string): Promise<void> => {
    // sync calls: per small file they cost microseconds, where ten thread-pool round trips cost a millisecond
    const existing = lstatSync(dest, { throwIfNoEntry: false })
    // files are not fsynced one by one (50k fsyncs would dominate), so a resumed restore trusts
    // content, not size and mtime: the existing file is read back and its SHA-256 compared
    if (existing?.isFile() && existing.size === entry.size && Math.abs(existing.mtimeMs - utimesSeconds(entry.mtimeNs) * 1000) < 1 && (await sha256File(dest)) === entry.sha256) {
      alreadyPresent += 1
      return
    }
    // a new file is written in place (a torn one fails the content check above on resume); an existing
    // file is replaced through a temp file, so it is never lost half-way
    const tmp = existing ? join(dirname(dest), `.lcube-${createHash('sha256').update(basename(dest)).digest('hex').slice(0, 16)}.tmp`) : dest
    const fd = openSync(tmp, existing ? 'w' : 'wx', 0o600)
    const hasher = new FileHasher(crc)
    let written = 0
    try {
      for await (const data of reader.parts(entry)) {
        hasher.update(data)
        writeSparse(fd, data, written)
        written += data.length
      }
      ftruncateSync(fd, written)
    } catch (error) {
      closeSync(fd)
      rmSync(tmp, { force: true })
      throw error
    }
    closeSync(fd)
    const digest = hasher.digest()
    if (written !== entry.size || digest.sha256 !== entry.sha256 || digest.crc64 !== entry.crc64) {
      rmSync(tmp, { force: true })
      throw new LcubeError('CORRUPT', { en: `${entry.path}: restored bytes do not match the recorded size and hashes`, zh: `${entry.path}：恢复出的数据与记录的大小和哈希不符` })
    }
    chmodSync(tmp, entry.mode & 0o777)
    utimesSync(tmp, utimesSeconds(entry.mtimeNs), utimesSeconds(entry.mtimeNs))
    if (tmp !== dest) renameSync(tmp, dest)
    files += 1
    bytes += written
  }

  try {
    for await (const entry of listing.entries) {
      if (options.signal?.aborted) {
        interrupted = true
        break
      }
      const dest = safeTarget(root, entry.path)
      if (!dest) {
        refused.push({ path: entry.path, reason: { en: 'unsafe path (absolute, "..", or control characters): refused', zh: '不安全的路径（绝对路径、".." 或控制字符）：已拒绝' } })
        continue
      }
      if (only && !only.test(entry.path)) continue
      if (entry.status !== 'ok') {
        if (entry.type !== 'dir') notCopied += 1
        continue
      }
      await closeDirsUntil(entry.path)
      const parent = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : ''
      if (!(await ensureDir(parent))) {
        refused.push({ path: entry.path, reason: { en: 'a folder on its path is a link or a file: refused', zh: '其路径上的某个目录是链接或文件：已拒绝' } })
        continue
      }
      options.onProgress?.({ files, bytes, current: entry.path })
      if (entry.type === 'dir') {
        if (!(await ensureDir(entry.path))) {
          refused.push({ path: entry.path, reason: { en: 'exists as a link or a file: refused', zh: '已作为链接或文件存在：已拒绝' } })
          continue
        }
        dirs += 1
        dirStack.push(entry)
      } else if (entry.type === 'symlink') {
        if (!lstatSync(dest, { throwIfNoEntry: false })) symlinkSync(entry.target ?? '', dest)
        symlinks += 1
      } else {
        try {
          await writeFile(entry, dest)
        } catch (error) {
          if (!(error instanceof LcubeError) || error.code !== 'CORRUPT') throw error
          corrupt.push({ path: entry.path, reason: error.text })
        }
      }
    }
    await closeDirsUntil(undefined)
  } finally {
    await listing.close()
    await reader.close()
    job.keys.wipe()
  }
  return {
    status: interrupted ? 'interrupted' : 'complete',
    files, dirs, symlinks, bytes, alreadyPresent, refused, corrupt, notCopied,
    complete: listing.complete,
    durationMs: performance.now() - started,
  }
}
