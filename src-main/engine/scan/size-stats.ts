import type { SizeBucket } from '../../../src-shared/scan-types'

const KiB = 1024
/** Report buckets: empty, under 1 KiB, then powers of four up to 16 GiB and above. */
const EDGES = [0, 1, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, KiB ** 2, 4 * KiB ** 2, 16 * KiB ** 2, 64 * KiB ** 2, 256 * KiB ** 2, KiB ** 3, 4 * KiB ** 3, 16 * KiB ** 3]

/** Sizes kept for an exact median; beyond this the median comes from FINE buckets. */
const EXACT_MEDIAN_LIMIT = 1_000_000
/** Sub-buckets per power of two for the estimated median: each is ≤ 2^(1/16) wide, about ±2.2 %. */
const FINE_STEPS = 16

/** Bucket edges are powers of 1024, so labels use binary units: 4 KiB, not 4.1 KB. */
function binary(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let unit = 0
  while (bytes >= 1024 && unit < units.length - 1) {
    bytes /= 1024
    unit += 1
  }
  return `${bytes} ${units[unit]}`
}

function bucketLabel(i: number): string {
  if (i === 0) return '0 B'
  const max = EDGES[i + 1]
  const min = EDGES[i]!
  if (max === undefined) return `≥ ${binary(min)}`
  return i === 1 ? `< ${binary(max)}` : `${binary(min)} – ${binary(max)}`
}

/** Size histogram and median of a stream of file sizes in bounded memory. */
export class SizeStats {
  private readonly files = new Array<number>(EDGES.length).fill(0)
  private readonly bytes = new Array<number>(EDGES.length).fill(0)
  private readonly fine = new Map<number, number>()
  private exact: Float64Array | undefined = new Float64Array(1024)
  private count = 0

  add(size: number): void {
    let i = EDGES.length - 1
    while (size < EDGES[i]!) i -= 1
    this.files[i]! += 1
    this.bytes[i]! += size
    const slot = size === 0 ? -1 : Math.floor(Math.log2(size) * FINE_STEPS)
    this.fine.set(slot, (this.fine.get(slot) ?? 0) + 1)
    if (this.exact) {
      if (this.count === this.exact.length) {
        if (this.count >= EXACT_MEDIAN_LIMIT) this.exact = undefined
        else {
          const grown = new Float64Array(Math.min(EXACT_MEDIAN_LIMIT, this.exact.length * 2))
          grown.set(this.exact)
          this.exact = grown
        }
      }
      if (this.exact) this.exact[this.count] = size
    }
    this.count += 1
  }

  histogram(): SizeBucket[] {
    return EDGES.map((min, i) => ({ label: bucketLabel(i), minBytes: min, maxBytes: EDGES[i + 1] ?? null, files: this.files[i]!, bytes: this.bytes[i]! }))
  }

  /** The lower median (the middle value, or the lower of the two middle values). */
  median(): { value: number; exact: boolean } {
    if (this.count === 0) return { value: 0, exact: true }
    const rank = Math.floor((this.count - 1) / 2)
    if (this.exact) {
      const sorted = this.exact.subarray(0, this.count).slice().sort()
      return { value: sorted[rank]!, exact: true }
    }
    let seen = 0
    for (const slot of [...this.fine.keys()].sort((a, b) => a - b)) {
      seen += this.fine.get(slot)!
      if (seen > rank) return { value: slot < 0 ? 0 : Math.round(2 ** ((slot + 0.5) / FINE_STEPS)), exact: false }
    }
    return { value: 0, exact: false }
  }
}
