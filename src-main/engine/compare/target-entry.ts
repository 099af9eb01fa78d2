import type { LocalizedText } from '../../../src-shared/localized'
import type { CompareTargetKind } from '../../../src-shared/compare-types'
import type { FileEntry } from '../format/entry'
import { pathSortKey } from '../format/entry'

/** One file or object on the target side, named relative to the prefix. Plain data: it may spill to disk. */
export type TargetEntry = {
  key: string
  size: number
  md5?: string
  /** CRC-64/XZ as 16 lower-case hex digits (OSS's decimal x-oss-hash-crc64ecma is converted). */
  crc64?: string
  sha256?: string
  etag?: string
  /** Uploaded in parts (or appended): the ETag is not the MD5 of the content. */
  multipart?: boolean
  /** Why the target holds the name but not good data (a cube entry that was not copied). */
  problem?: LocalizedText
  /** Full object key (S3) or absolute path (directory), for reading the bytes back. */
  ref?: string
  /** The cube's own record of the file, for decrypting it back in full mode. */
  cube?: FileEntry
}

/** One regular file of the sources, named as copy lays it out and as the target should name it. */
export type SourceEntry = {
  path: string
  key: string
  abs: string
  size: number
  problem?: LocalizedText
}

/** Matching happens on NFC names (macOS writes NFD, OSS keeps what it was given), in copy's path order. */
export function matchKey(name: string): Buffer {
  return pathSortKey(name.normalize('NFC'))
}

export type FullCompareResult = { same: boolean; firstDifference: number | null } | { error: LocalizedText }

export interface TargetSession {
  readonly kind: CompareTargetKind
  readonly location: string
  readonly prefix: string
  /** Target entries under the prefix, in any order (the comparison sorts them). */
  entries(): AsyncIterable<TargetEntry>
  /** More checksums for one entry when the listing lacks them (S3 HEAD for CRC-64). */
  enrich?(entry: TargetEntry): Promise<TargetEntry>
  /** Byte comparison of a source file with the target's copy (--mode full). */
  compareBytes?(source: SourceEntry, target: TargetEntry): Promise<FullCompareResult>
  /** Notes for the report about how this target was read. */
  notes(): LocalizedText[]
  close(): Promise<void>
}

/** The part of a key under a prefix, or undefined when the key is outside it or a folder marker. */
export function underPrefix(key: string, prefix: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined
  const rest = key.slice(prefix.length)
  if (rest === '' || rest.endsWith('/')) return undefined
  return rest
}

/** Hex digits of a CRC-64 given as OSS's unsigned decimal or as hex (0x…). */
export function normalizeCrc64(value: string): string | undefined {
  const text = value.trim()
  if (!text) return undefined
  try {
    const n = /^0x[0-9a-f]+$/i.test(text) ? BigInt(text) : /^\d+$/.test(text) ? BigInt(text) : undefined
    if (n === undefined || n >= 1n << 64n) return undefined
    return n.toString(16).padStart(16, '0')
  } catch {
    return undefined
  }
}

/** An ETag's MD5 when it is one: 32 hex digits, quotes dropped; multipart ETags end in -N. */
export function etagMd5(etag: string | undefined): string | undefined {
  const text = etag?.trim().replace(/^W\//, '').replaceAll('"', '')
  return text && /^[0-9a-f]{32}$/i.test(text) ? text.toLowerCase() : undefined
}
