import { createWriteStream, type WriteStream } from 'node:fs'

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
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done).off('close', done).off('error', done)
          resolve()
        }
        this.stream.on('drain', done).on('close', done).on('error', done)
      })
    }
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
