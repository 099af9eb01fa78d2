import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvCell, csvRow, parseCsv } from './csv'
import { escapeHtml } from './html'
import { jsonDocumentChunks } from './json-document'

describe('CSV', () => {
  it('quotes what needs quoting and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('-rf')).toBe("'-rf")
    expect(csvCell(42)).toBe('42')
    expect(csvCell(-1)).toBe('-1')
    expect(csvCell(null)).toBe('')
  })

  it('round-trips through our parser and an independent one', () => {
    const rows = [['路径', 'a,b', '=1+1', ' padded ', 'x"y', 'multi\nline', '@cmd', '']]
    const text = `\uFEFF${rows.map(csvRow).join('')}`
    expect(parseCsv(text)).toEqual(rows)
    const independent = parse(text, { bom: true }) as string[][]
    expect(independent[0]!.map((c) => (c.startsWith("'") ? c.slice(1) : c))).toEqual(rows[0])
  })
})

describe('report text', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })

  it('streams a JSON document with its lists', async () => {
    async function* rows(n: number) {
      for (let i = 0; i < n; i += 1) yield { i, path: `p${i}` }
    }
    for (const pretty of [false, true]) {
      let text = ''
      for await (const chunk of jsonDocumentChunks({ a: 1, nested: { b: [1, 2] } }, [['first', rows(3000)], ['empty', rows(0)]], pretty)) text += chunk
      const parsed = JSON.parse(text)
      expect(parsed.a).toBe(1)
      expect(parsed.nested).toEqual({ b: [1, 2] })
      expect(parsed.first).toHaveLength(3000)
      expect(parsed.first[2999]).toEqual({ i: 2999, path: 'p2999' })
      expect(parsed.empty).toEqual([])
      let grouped = ''
      for await (const chunk of jsonDocumentChunks({ a: 1 }, [['x', rows(2)], ['y', rows(0)]], pretty, 'entries')) grouped += chunk
      expect(JSON.parse(grouped)).toEqual({ a: 1, entries: { x: [{ i: 0, path: 'p0' }, { i: 1, path: 'p1' }], y: [] } })
    }
  })
})
