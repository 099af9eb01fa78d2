import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import { csvRecords, textLines } from './listing-lines'
import { etagMd5, normalizeCrc64, underPrefix, type TargetEntry, type TargetSession } from './target-entry'

/** Column names accepted in a listing's header, lower-cased, for each field. */
const COLUMNS: Readonly<Record<'key' | 'size' | 'md5' | 'etag' | 'crc64' | 'multipart', ReadonlyArray<string>>> = {
  key: ['key', 'object', 'objectname', 'object_name', 'name', 'path'],
  size: ['size', 'size(b)', 'contentlength', 'content-length', 'bytes'],
  md5: ['md5', 'content-md5', 'contentmd5'],
  etag: ['etag'],
  crc64: ['crc64', 'crc64ecma', 'hashcrc64ecma', 'x-oss-hash-crc64ecma'],
  multipart: ['multipart', 'ismultipartuploaded'],
}

/** `ossutil ls` output: time, size, storage class, ETag, oss://bucket/key. */
const OSSUTIL_LS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} \S+\s+(\d+)\s+\S+\s+([0-9A-Fa-f]{32}(?:-\d+)?)\s+oss:\/\/[^/]+\/(.*)$/

function bad(path: string, line: number, en: string, zh: string): LcubeError {
  return new LcubeError('BAD_INPUT', { en: `${path} line ${line}: ${en}`, zh: `${path} 第 ${line} 行：${zh}` })
}

/** Keys written as oss://bucket/key or s3://bucket/key are taken as the key. */
function bareKey(key: string): string {
  return key.replace(/^(oss|s3):\/\/[^/]+\//, '')
}

export type ListedObject = Omit<TargetEntry, 'key'> & { full: string }

/** A listed object as a target entry named under the prefix, or undefined when it is outside it. */
export function keyedEntry(raw: ListedObject, prefix: string): TargetEntry | undefined {
  const key = underPrefix(raw.full, prefix)
  if (key === undefined) return undefined
  const { full, ...rest } = raw
  return { ...rest, key, ref: full }
}

/** An object from a listing row: the ETag is the MD5 only when the object was not uploaded in parts. */
export function listedObject(key: string, size: number, md5: string | undefined, etag: string | undefined, crc64: string | undefined, multipart: boolean | undefined): ListedObject {
  const etagIsMd5 = etagMd5(etag)
  const isMultipart = multipart ?? (etag !== undefined && etag !== '' && !etagIsMd5)
  return {
    full: bareKey(key),
    size,
    md5: md5 ? md5.toLowerCase() : isMultipart ? undefined : etagIsMd5,
    etag: etag || undefined,
    crc64: crc64 ? normalizeCrc64(crc64) : undefined,
    multipart: isMultipart,
  }
}

/**
 * A listing file (docs/REPORTS.md): CSV with a header naming at least key and size; JSON lines with the
 * same fields; or the text `ossutil ls` prints. Optional .gz. Any order: the comparison sorts it.
 */
export async function openListingTarget(file: string, prefix: string): Promise<TargetSession> {
  const path = resolve(file)
  await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new LcubeError('BAD_INPUT', { en: `Listing ${path} cannot be read: ${error.code}`, zh: `清单文件 ${path} 无法读取：${error.code}` })
  })
  const notes: LocalizedText[] = []
  return {
    kind: 'listing',
    location: path,
    prefix,
    async *entries(): AsyncGenerator<TargetEntry> {
      let lineNo = 0
      let format: 'csv' | 'jsonl' | 'ossutil' | undefined
      let columns: Partial<Record<keyof typeof COLUMNS, number>> = {}
      const lines = textLines(path)
      const records = (async function* () {
        for await (const line of lines) {
          lineNo += 1
          if (format === undefined) {
            if (line.trim() === '') continue
            format = line.trimStart().startsWith('{') ? 'jsonl' : OSSUTIL_LS.test(line) || /^LastModifiedTime\s+Size/.test(line) ? 'ossutil' : 'csv'
          }
          yield line
        }
      })()
      const emit = (raw: ListedObject) => keyedEntry(raw, prefix)
      const first = await records.next()
      if (first.done) return
      const all = (async function* () {
        yield first.value
        yield* records
      })()
      if (format === 'jsonl') {
        for await (const line of all) {
          if (line.trim() === '') continue
          let row: Record<string, unknown>
          try {
            row = JSON.parse(line) as Record<string, unknown>
          } catch {
            throw bad(path, lineNo, 'not a JSON object', '不是 JSON 对象')
          }
          const pick = (field: keyof typeof COLUMNS) => {
            const name = Object.keys(row).find((k) => COLUMNS[field].includes(k.toLowerCase()))
            return name === undefined || row[name] === null ? undefined : String(row[name])
          }
          const key = pick('key')
          const size = Number(pick('size'))
          if (!key || !Number.isSafeInteger(size) || size < 0) throw bad(path, lineNo, 'needs "key" and a whole-number "size"', '需要 "key" 和整数 "size"')
          const multipart = pick('multipart')
          const entry = emit(listedObject(key, size, pick('md5'), pick('etag'), pick('crc64'), multipart === undefined ? undefined : multipart === 'true'))
          if (entry) yield entry
        }
        return
      }
      if (format === 'ossutil') {
        notes.push({ en: 'listing read as `ossutil ls` output (ETag; no CRC-64)', zh: '清单按 `ossutil ls` 输出读取（含 ETag，无 CRC-64）' })
        for await (const line of all) {
          const m = OSSUTIL_LS.exec(line)
          if (!m) continue // header, blank and "Object Number is" lines
          const entry = emit(listedObject(m[3]!, Number(m[1]), undefined, m[2], undefined, undefined))
          if (entry) yield entry
        }
        return
      }
      let header = true
      for await (const cells of csvRecords(all)) {
        if (header) {
          header = false
          const names = cells.map((c) => c.trim().toLowerCase())
          columns = Object.fromEntries(Object.entries(COLUMNS).map(([field, aliases]) => [field, names.findIndex((n) => aliases.includes(n))]).filter(([, i]) => (i as number) >= 0))
          if (columns.key === undefined || columns.size === undefined) throw bad(path, lineNo, `the header must name key and size columns (found: ${cells.join(', ')})`, `表头必须包含 key 与 size 列（实际：${cells.join(', ')}）`)
          continue
        }
        const cell = (field: keyof typeof COLUMNS) => (columns[field] === undefined ? undefined : cells[columns[field]!]?.trim())
        const size = Number(cell('size'))
        const key = cells[columns.key!]
        if (!key || !Number.isSafeInteger(size) || size < 0) throw bad(path, lineNo, 'needs a key and a whole-number size', '需要对象名和整数大小')
        const multipart = cell('multipart')
        const entry = emit(listedObject(key, size, cell('md5'), cell('etag'), cell('crc64'), multipart ? multipart.toLowerCase() === 'true' : undefined))
        if (entry) yield entry
      }
    },
    notes: () => notes,
    close: async () => undefined,
  }
}
