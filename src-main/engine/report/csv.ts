import { TextFileWriter } from './text-file'

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF'

/** Cells starting with these are formulas to Excel: a leading ' keeps them text (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** Parses CSV text written by csvRow (RFC 4180 quoting), undoing the formula guard. For tests and imports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.startsWith(UTF8_BOM) ? text.slice(1) : text
  const endCell = () => {
    row.push(unguard(cell))
    cell = ''
  }
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i += 1
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') endCell()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i += 1
      endCell()
      rows.push(row)
      row = []
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    endCell()
    rows.push(row)
  }
  return rows
}

function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
}

/** A CSV file written row by row with back-pressure, starting with the BOM. */
export class CsvFileWriter {
  private readonly out: TextFileWriter

  constructor(path: string, header: ReadonlyArray<string>) {
    this.out = new TextFileWriter(path)
    void this.out.write(UTF8_BOM + csvRow(header))
  }

  row(cells: ReadonlyArray<string | number | boolean | null | undefined>): Promise<void> {
    return this.out.write(csvRow(cells))
  }

  close(): Promise<void> {
    return this.out.close()
  }
}
