import { execFile } from 'node:child_process'
import { chmod, link, mkdir, symlink, writeFile } from 'node:fs/promises'
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { seededBytes } from '../helpers/tree'

const run = promisify(execFile)

export type Expected = Array<{ path: string; rule: string }>

/**
 * A source tree holding every Lightning Cube rule violation that Linux lets a test create, plus ordinary
 * files of each category. Returns the findings a correct scan must report, and a socket server to close.
 */
export async function ruleTree(root: string): Promise<{ expected: Expected; server: Server; charDevice: boolean }> {
  const files: Record<string, number> = {
    'docs/report.pdf': 3000,
    'docs/notes.txt': 1234,
    'docs/budget.xlsx': 0,
    'images/photo.jpg': 70_000,
    'video/clip.mp4': 300_000,
    'audio/song.mp3': 5000,
    'backup/site.tar.gz': 2048,
    'db/data.sqlite': 65_536,
    'logs/app.log.1': 777,
    'logs/app.log': 10,
    'code/main.ts': 420,
    'misc/blob': 1,
    'misc/.hidden': 9,
  }
  for (const [path, size] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), size < 4 ? Buffer.alloc(size, 7) : seededBytes(path.length * 7 + 1, size, path.endsWith(".txt") || path.includes(".log")))
  }
  await mkdir(join(root, 'empty-one'))
  await mkdir(join(root, 'nested/empty-two'), { recursive: true })
  await mkdir(join(root, 'links'))
  await symlink('../docs/notes.txt', join(root, 'links/to-notes'))
  await mkdir(join(root, 'hard'))
  await link(join(root, 'docs/notes.txt'), join(root, 'hard/again.txt'))
  await mkdir(join(root, 'special'))
  await run('mkfifo', [join(root, 'special/pipe')])
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(join(root, 'special/sock'), resolve))
  let charDevice = false
  try {
    await run('mknod', [join(root, 'special/null'), 'c', '1', '3'])
    charDevice = true
  } catch {
    charDevice = false // no CAP_MKNOD here (unprivileged or container): FIFO and socket still cover the rule
  }
  await mkdir(join(root, 'modes/sgid-dir'), { recursive: true })
  await mkdir(join(root, 'modes/sticky-dir'))
  await writeFile(join(root, 'modes/tool'), 'x')
  await chmod(join(root, 'modes/tool'), 0o4755)
  await chmod(join(root, 'modes/sgid-dir'), 0o2755)
  await chmod(join(root, 'modes/sticky-dir'), 0o1777)
  writeFileSync(Buffer.concat([Buffer.from(`${root}/misc/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]), 'bad name')
  const longDir = 'd'.repeat(201)
  await mkdir(join(root, longDir))
  await writeFile(join(root, longDir, 'inside.txt'), 'in')
  const deep = Array.from({ length: 6 }, (_, i) => `${i}`.repeat(190))
  await mkdir(join(root, ...deep), { recursive: true })
  await writeFile(join(root, ...deep, 'f.txt'), 'deep')
  const expected: Expected = [
    { path: 'hard/again.txt', rule: 'hard-link' },
    { path: 'links/to-notes', rule: 'symlink' },
    { path: 'special/pipe', rule: 'special-file' },
    { path: 'special/sock', rule: 'special-file' },
    { path: 'modes/tool', rule: 'suid-sgid-sticky' },
    { path: 'modes/sgid-dir', rule: 'suid-sgid-sticky' },
    { path: 'modes/sticky-dir', rule: 'suid-sgid-sticky' },
    { path: `misc/bad-${Buffer.from([0xff, 0xfe]).toString('latin1')}.txt`, rule: 'invalid-utf8-name' },
    { path: longDir, rule: 'dir-name-length' },
    { path: `${longDir}/inside.txt`, rule: 'dir-name-length' },
    { path: deep.join('/'), rule: 'path-length' },
    { path: `${deep.join('/')}/f.txt`, rule: 'path-length' },
    { path: `${deep.join('/')}/f.txt`, rule: 'oss-key-length' },
  ]
  if (charDevice) expected.push({ path: 'special/null', rule: 'special-file' })
  return { expected, server, charDevice }
}

/** Ground truth from find(1), independent of the scanner. */
export async function findTruth(root: string): Promise<{ files: number; bytes: number; dirs: number; emptyDirs: number; symlinks: number; specials: number }> {
  const find = async (...args: string[]) => (await run('find', [root, '-mindepth', '1', ...args], { maxBuffer: 64 << 20, encoding: 'buffer' })).stdout.toString('latin1').split('\n').filter(Boolean)
  const sizes = await find('-type', 'f', '-printf', '%s\n')
  return {
    files: sizes.length,
    bytes: sizes.reduce((sum, s) => sum + Number(s), 0),
    dirs: (await find('-type', 'd')).length,
    emptyDirs: (await find('-type', 'd', '-empty')).length,
    symlinks: (await find('-type', 'l')).length,
    specials: (await find('(', '-type', 'p', '-o', '-type', 's', '-o', '-type', 'c', '-o', '-type', 'b', ')')).length,
  }
}
