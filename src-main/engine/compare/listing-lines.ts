import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { parseCsv } from '../report/csv'

/** Lines of a text file, gunzipped when it ends in .gz; a BOM on the first line is dropped. */
export async function* textLines(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path)
  const input = path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  raw.on('error', (error) => input.destroy(error))
  let first = true
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    yield first ? line.replace(/^\uFEFF/, '') : line
    first = false
  }
}

/** CSV records from lines, joining lines while a quoted field is still open (a key with a newline). */
export async function* csvRecords(lines: AsyncIterable<string>): AsyncGenerator<string[]> {
  let pending = ''
  for await (const line of lines) {
    pending = pending ? `${pending}\n${line}` : line
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) continue
    if (pending.trim() !== '') yield parseCsv(pending)[0] ?? []
    pending = ''
  }
  if (pending.trim() !== '') yield parseCsv(pending)[0] ?? []
}
