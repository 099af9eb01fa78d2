/** Where a run of a file's bytes lives: pack number, record offset in the pack, segment index, length. */
export type PartRef = readonly [pack: number, offset: number, segment: number, length: number]

export type EntryType = 'file' | 'dir' | 'symlink'

/** ok: copied and verified at read time; changed: the source changed while read; skipped/error: not copied. */
export type EntryStatus = 'ok' | 'changed' | 'skipped' | 'error'

/** One source entry as the job records it (inside encrypted FILE records, indexes and the manifest). */
export type FileEntry = {
  /** Relative path, '/'-separated, the source's own name bytes as UTF-8. */
  path: string
  type: EntryType
  size: number
  /** Modification time in nanoseconds since the epoch, as a decimal string (exceeds 2^53). */
  mtimeNs: string
  mode: number
  status: EntryStatus
  sha256?: string
  crc64?: string
  /** Symlink target, when symlinks are transferred. */
  target?: string
  parts?: PartRef[]
  reason?: string
  /** Source identity at copy time, re-checked before a resumed run skips the file. */
  ino?: number
  ctimeNs?: string
  /** Number of the file within the run that wrote it; DATA segments carry it too, binding data to entry. */
  seq?: number
}

/** Sort key: UTF-8 bytes with '/' ordered before every other byte, so a directory's contents sort together. */
export function pathSortKey(path: string): Buffer {
  return Buffer.from(path.replaceAll('/', '\u0000'), 'utf8')
}

export function comparePaths(a: string, b: string): number {
  return Buffer.compare(pathSortKey(a), pathSortKey(b))
}
