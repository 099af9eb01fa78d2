import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** A small real source: 200 text files in folders, two 6 MB files of varied bytes (202 files), and one symlink (a rule finding, not copied). */
export async function makeSourceTree(root: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0
  for (let d = 0; d < 4; d += 1) {
    const dir = join(root, `dept-${d}`, 'docs')
    await mkdir(dir, { recursive: true })
    for (let f = 0; f < 50; f += 1) {
      const text = `部门 ${d} 文件 ${f} — department ${d} file ${f}\n`.repeat(20 + f)
      await writeFile(join(dir, `note-${f}.txt`), text)
      bytes += Buffer.byteLength(text)
    }
  }
  await mkdir(join(root, 'media'), { recursive: true })
  for (let i = 0; i < 2; i += 1) {
    const data = Buffer.alloc(6 * 1024 * 1024)
    let x = 0x9e3779b9 + i
    for (let j = 0; j < data.length; j += 4) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      data.writeUInt32LE(x >>> 0, j)
    }
    await writeFile(join(root, 'media', `clip-${i}.bin`), data)
    bytes += data.length
  }
  await symlink('dept-0/docs/note-1.txt', join(root, 'shortcut'))
  return { files: 202, bytes }
}
