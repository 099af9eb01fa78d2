import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'

/** A text file written with back-pressure; a write error (disk full, no such folder) surfaces at the next call. */
export class TextFileWriter {
  private readonly stream: WriteStream
  private failure: Error | undefined

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' })
    this.stream.on('error', (error) => (this.failure ??= error))
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')])
    if (this.failure) throw this.failure
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure
    await new Promise<void>((resolve, reject) => {
      this.stream.end(() => (this.failure ? reject(this.failure) : resolve()))
      this.stream.once('error', reject)
    })
  }
}
