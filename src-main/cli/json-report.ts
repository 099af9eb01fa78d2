import type { Output } from './command'

/** The last --json line of scan and compare: {"event":"report","report":{…},"files":[…]}, streamed. */
export async function writeJsonReport(out: Output, chunks: AsyncIterable<string>, files: ReadonlyArray<string>): Promise<void> {
  await out.write('{"event":"report","report":')
  for await (const chunk of chunks) await out.write(chunk)
  await out.write(`,"files":${JSON.stringify(files)}}\n`)
}
