/**
 * A JSON document whose long arrays stream from disk: the counted part first, then each list one row at
 * a time, so a report of millions of rows is written without holding it. `pretty` puts one row per line.
 */
export async function* jsonDocumentChunks(core: object, lists: ReadonlyArray<[string, AsyncIterable<unknown>]>, pretty: boolean): AsyncGenerator<string> {
  const head = pretty ? JSON.stringify(core, null, 2) : JSON.stringify(core)
  const body = head.slice(0, head.lastIndexOf('}')).trimEnd()
  yield body
  let first = body.endsWith('{')
  for (const [name, rows] of lists) {
    yield `${first ? '' : ','}${pretty ? '\n  ' : ''}${JSON.stringify(name)}:${pretty ? ' ' : ''}[`
    first = false
    let n = 0
    let batch = ''
    for await (const row of rows) {
      batch += `${n++ > 0 ? ',' : ''}${pretty ? '\n    ' : ''}${JSON.stringify(row)}`
      if (batch.length > 65536) {
        yield batch
        batch = ''
      }
    }
    yield `${batch}${pretty && n > 0 ? '\n  ' : ''}]`
  }
  yield pretty ? '\n}\n' : '}'
}
