// `npm run demo`: a whole migration rehearsal on this machine, no display needed: a sample source tree,
// a simulated Lightning Cube, a generated password, then scan → copy → status → verify → restore → compare.
import { randomBytes, createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, lstat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../src-main/cli/main'
import { langFromEnv } from '../src-main/cli/lang'

const lang = langFromEnv()
const say = (en: string, zh: string) => console.log(`\n\x1b[1m== ${lang === 'zh' ? zh : en}\x1b[0m`)

function pseudoRandom(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length)
  let x = seed
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    out.writeUInt32LE(x >>> 0, Math.min(i, length - 4))
  }
  return out
}

async function sampleTree(root: string): Promise<void> {
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00Z ${tag} request ${i} status=200 bytes=${(i * 7919) % 65536}`).join('\n')
  await mkdir(join(root, '财务', '2026'), { recursive: true })
  await mkdir(join(root, 'logs'), { recursive: true })
  await mkdir(join(root, 'photos'), { recursive: true })
  await mkdir(join(root, 'projects', 'website', 'src'), { recursive: true })
  await mkdir(join(root, 'empty folder'), { recursive: true })
  for (let m = 1; m <= 12; m += 1) await writeFile(join(root, '财务', '2026', `${m}月报表.csv`), lines(2000, `ledger-${m}`))
  for (let d = 1; d <= 30; d += 1) await writeFile(join(root, 'logs', `access-${String(d).padStart(2, '0')}.log`), lines(20000, 'nginx'))
  for (let p = 1; p <= 8; p += 1) await writeFile(join(root, 'photos', `IMG_${1000 + p}.jpg`), pseudoRandom(p, 2_500_000))
  for (let f = 0; f < 3000; f += 1) await writeFile(join(root, 'projects', 'website', 'src', `module-${f}.js`), `export const value${f} = ${f} // ${'x'.repeat(f % 200)}\n`)
  await writeFile(join(root, 'projects', 'backup.tar'), pseudoRandom(99, 24_000_000))
  await writeFile(join(root, 'README 说明.txt'), '演示数据 / demo data\n')
  await symlink('README 说明.txt', join(root, 'link-to-readme'))
  try {
    execFileSync('mkfifo', [join(root, 'a-named-pipe')])
  } catch {
    // no mkfifo (Windows): the special-file rule is shown by the symlink alone
  }
}

async function digest(root: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const name of await readdir(join(root, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name
    const info = await lstat(join(root, rel))
    if (info.isDirectory()) {
      out.set(rel, 'dir')
      for (const [k, v] of await digest(root, rel)) out.set(k, v)
    } else if (info.isFile()) out.set(rel, createHash('sha256').update(await readFile(join(root, rel))).digest('hex'))
    else out.set(rel, 'special')
  }
  return out
}

async function lcube(args: string[]): Promise<number> {
  console.log(`\x1b[2m$ lcube ${args.join(' ')}\x1b[0m`)
  return runCli(args, { stdout: process.stdout, stderr: process.stderr, env: process.env })
}

const work = await mkdtemp(join(tmpdir(), 'lcube-demo-'))
const source = join(work, 'source')
const cube = join(work, 'cube')
const restored = join(work, 'restored')
const passwordFile = join(work, 'demo-password.txt')
await mkdir(source)
say('Generating a sample source tree', '生成示例源数据')
await sampleTree(source)
console.log(source)
say('Simulating a Lightning Cube Mini', '创建模拟闪电立方 Mini')
await lcube(['device', 'simulate', cube, '--model', 'mini', '--serial', 'DEMO-0001'])
// a demo password that meets the policy; it stays in a file and is never printed
await writeFile(passwordFile, `Demo-${randomBytes(9).toString('base64url')}-7!\n`, { mode: 0o600 })
say('Requirement list (scan)', '需求清单（扫描）')
// exit 1 is expected here: the sample tree breaks two rules on purpose (a symlink and a named pipe)
const scanned = await lcube(['scan', source, '--bucket', 'demo-bucket', '--region', 'cn-hangzhou', '--prefix', 'migration/2026', '--probe-seconds', '1', '--out', join(work, 'requirement-list.html'), '--out', join(work, 'requirement-list.csv')])
say('Copy: compress, encrypt, checkpoint', '拷贝：压缩、加密、检查点')
const copied = await lcube(['copy', source, '--to', cube, '--job', 'demo', '--password-file', passwordFile])
say('Status (no password needed)', '状态（无需密码）')
await lcube(['status', cube])
say('Verify against the source', '与源数据核验')
const verified = await lcube(['verify', cube, '--password-file', passwordFile, '--source', source])
say('Restore', '恢复')
const restoreCode = await lcube(['restore', cube, '--to', restored, '--password-file', passwordFile])
say('Compare the restore with the source', '比对恢复结果与源数据')
const [a, b] = [await digest(source), await digest(restored)]
const missing = [...a.keys()].filter((k) => b.get(k) !== a.get(k))
const extra = [...b.keys()].filter((k) => !a.has(k))
const expectedMissing = missing.filter((k) => a.get(k) === 'special')
const identical = missing.length === expectedMissing.length && extra.length === 0
console.log(lang === 'zh'
  ? `逐字节一致：${identical ? '是' : '否'}（${a.size - expectedMissing.length} 个条目；按规则未迁移：${expectedMissing.join('、') || '无'}）`
  : `byte-exact: ${identical ? 'yes' : 'no'} (${a.size - expectedMissing.length} entries; not migrated by the rules: ${expectedMissing.join(', ') || 'none'})`)
say('Comparison report: the source against the cube, then against the restore', '比对报告：源与设备比对，再与恢复结果比对')
const againstCube = await lcube(['compare', source, '--against', `cube:${cube}#demo`, '--password-file', passwordFile])
const againstRestore = await lcube(['compare', source, '--against', restored, '--mode', 'full', '--report', join(work, 'comparison.html'), '--report', join(work, 'comparison.csv')])
console.log(lang === 'zh' ? `\n演示文件保存在 ${work}` : `\nDemo files are in ${work}`)
process.exitCode = scanned === 1 && copied === 0 && verified === 0 && restoreCode === 0 && identical && againstCube === 0 && againstRestore === 0 ? 0 : 1
