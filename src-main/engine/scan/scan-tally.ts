import { FILE_CATEGORIES, type FileCategory, type NamedCount, type PathCount, type PathDepth, type PathSize, type ScanTotals } from '../../../src-shared/scan-types'
import { categoryOf, extensionOf } from './file-category'
import { SizeStats } from './size-stats'
import { TopList } from './top-list'

const TOP = 20
/** Distinct extensions tracked by name; a tree with more folds the rest into "(other)". */
const MAX_EXTENSIONS = 10_000
const OTHER_EXTENSIONS = '(other)'
const NO_EXTENSION = '(none)'

function isoFromNs(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString()
}

/** Everything the requirement list counts, accumulated entry by entry in bounded memory. */
export class ScanTally {
  files = 0
  bytes = 0
  dirs = 0
  emptyDirs = 0
  symlinks = 0
  specialFiles = 0
  hardLinkedFiles = 0
  hardLinkExtraBytes = 0
  private readonly sizes = new SizeStats()
  private readonly categories = new Map<FileCategory, { files: number; bytes: number }>(FILE_CATEGORIES.map((c) => [c, { files: 0, bytes: 0 }]))
  private readonly extensions = new Map<string, { files: number; bytes: number }>()
  private readonly largest = new TopList<PathSize>(TOP)
  private readonly widest = new TopList<PathCount>(TOP)
  private readonly deepest = new TopList<PathDepth>(TOP)
  private oldest: bigint | undefined
  private newest: bigint | undefined

  addFile(path: string, size: number, mtimeNs: string, nlink: number): void {
    this.files += 1
    this.bytes += size
    if (nlink > 1) this.hardLinkedFiles += 1
    this.sizes.add(size)
    const name = path.slice(path.lastIndexOf('/') + 1)
    const category = this.categories.get(categoryOf(name))!
    category.files += 1
    category.bytes += size
    const ext = extensionOf(name) || NO_EXTENSION
    let counted = this.extensions.get(ext)
    if (!counted) {
      const key = this.extensions.size < MAX_EXTENSIONS ? ext : OTHER_EXTENSIONS
      counted = this.extensions.get(key) ?? { files: 0, bytes: 0 }
      this.extensions.set(key, counted)
    }
    counted.files += 1
    counted.bytes += size
    this.largest.offer(size, () => ({ path, bytes: size }))
    this.depth(path)
    const mtime = BigInt(mtimeNs)
    if (this.oldest === undefined || mtime < this.oldest) this.oldest = mtime
    if (this.newest === undefined || mtime > this.newest) this.newest = mtime
  }

  addDir(path: string, entries: number): void {
    if (path) {
      this.dirs += 1
      if (entries === 0) this.emptyDirs += 1
      this.depth(path)
    }
    this.widest.offer(entries, () => ({ path: path || '.', entries }))
  }

  private depth(path: string): void {
    let depth = 1
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) depth += 1
    this.deepest.offer(depth, () => ({ path, depth }))
  }

  totals(): ScanTotals {
    const median = this.sizes.median()
    return {
      files: this.files,
      bytes: this.bytes,
      dirs: this.dirs,
      emptyDirs: this.emptyDirs,
      symlinks: this.symlinks,
      specialFiles: this.specialFiles,
      averageFileBytes: this.files > 0 ? Math.round(this.bytes / this.files) : 0,
      medianFileBytes: median.value,
      medianExact: median.exact,
      oldestMtime: this.oldest === undefined ? null : isoFromNs(this.oldest),
      newestMtime: this.newest === undefined ? null : isoFromNs(this.newest),
      hardLinkedFiles: this.hardLinkedFiles,
      hardLinkExtraBytes: this.hardLinkExtraBytes,
    }
  }

  sizeHistogram() {
    return this.sizes.histogram()
  }

  categoryCounts(): Array<NamedCount & { name: FileCategory }> {
    return FILE_CATEGORIES.map((name) => ({ name, ...this.categories.get(name)! }))
  }

  topExtensions(by: 'files' | 'bytes', limit = TOP): NamedCount[] {
    const other = by === 'files' ? 'bytes' : 'files'
    return [...this.extensions.entries()]
      .map(([name, c]) => ({ name, files: c.files, bytes: c.bytes }))
      .sort((a, b) => b[by] - a[by] || b[other] - a[other] || (a.name < b.name ? -1 : 1))
      .slice(0, limit)
  }

  largestFiles(): PathSize[] {
    return this.largest.sorted()
  }

  widestDirs(): PathCount[] {
    return this.widest.sorted()
  }

  deepestPaths(): PathDepth[] {
    return this.deepest.sorted()
  }
}
