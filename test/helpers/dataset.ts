import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { seededBytes } from './tree'

/** A mixed tree: many small text files in folders, a few large ones (half compressible), an empty folder. */
export async function mixedDataset(root: string, options: { smallFiles: number; largeFiles: number; largeBytes: number; seed?: number }): Promise<void> {
  const seed = options.seed ?? 1
  for (let i = 0; i < options.smallFiles; i += 1) {
    const dir = join(root, `folder${i % 20}`, `sub${i % 7}`)
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, `note-${i}.txt`), seededBytes(seed * 100_000 + i, 200 + ((i * 7919) % 20_000), i % 3 !== 0))
  }
  await mkdir(join(root, 'big'), { recursive: true })
  for (let i = 0; i < options.largeFiles; i += 1) {
    await writeFile(join(root, 'big', `large-${i}.${i % 2 ? 'bin' : 'log'}`), seededBytes(seed * 7 + i, options.largeBytes + i * 4099, i % 2 === 0))
  }
  await mkdir(join(root, 'empty folder'), { recursive: true })
}
