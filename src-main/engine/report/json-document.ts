/**
 * A JSON document whose long arrays stream from disk: the counted part first, then each list one row at
 * a time, so a report of millions of rows is written without holding it. With `group`, the lists sit in
 * one object under that name. `pretty` puts one row per line.
 */
export async function* jsonDocumentChunks(core: object, lists: ReadonlyArray<[string, AsyncIterable<unknown>]>, pretty: boolean, group?: string): AsyncGenerator<string> {
  const head = pretty ? JSON.stringify(core, null, 2) : JSON.stringify(core)
  const body = head.slice(0, head.lastIndexOf('}')).trimEnd()
  yield body
  const nl = (depth: number) => (pretty ? `\n${'  '.repeat(depth)}` : '')
  const depth = group ? 2 : 1
  let first = body.endsWith('{')
  if (group) {
    yield `${first ? '' : ','}${nl(1)}${JSON.stringify(group)}:${pretty ? ' ' : ''}{`
    first = true
  }
  for (const [name, rows] of lists) {
    yield `${first ? '' : ','}${nl(depth)}${JSON.stringify(name)}:${pretty ? ' ' : ''}[`
    first = false
    let n = 0
    let batch = ''
    for await (const row of rows) {
      batch += `${n++ > 0 ? ',' : ''}${nl(depth + 1)}${JSON.stringify(row)}`
      if (batch.length > 65536) {
        yield batch
        batch = ''
      }
    }
    yield `${batch}${n > 0 ? nl(depth) : ''}]`
  }
  if (group) yield `${nl(1)}}`
  yield pretty ? '\n}\n' : '}'
}
