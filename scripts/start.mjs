// `npm start`: the desktop app when an Electron binary is available, otherwise (no binary, no
// internet to fetch one, or it cannot start, e.g. no display) the same UI served to a browser.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const say = (en, zh) => console.log(`${zh}\n${en}`)

function electronBinary() {
  if (!existsSync(electronDir)) return undefined
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    say('Electron binary not installed yet; trying to download it once…', '尚未安装 Electron 程序，正在尝试下载……')
    spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  const exe = join(dist, relative)
  return existsSync(exe) ? exe : undefined
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  return result.status === 0
}

function serveBrowser() {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html')) && !run('npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'])) {
    process.exit(1)
  }
  const child = spawn(process.execPath, [join(root, 'bin', 'lcube.mjs'), 'ui', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

const exe = electronBinary()
if (!exe) {
  say(
    'Electron is not available here (its binary is fetched from the internet on first run). Serving the same UI in your browser instead:',
    '此处无法使用 Electron（其程序需在首次运行时联网下载）。改为在浏览器中提供相同的界面：',
  )
  serveBrowser()
} else {
  if (!run('npx', ['electron-vite', 'build', '--logLevel', 'warn'])) process.exit(1)
  const started = Date.now()
  const child = spawn(exe, ['.'], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => {
    if (code !== 0 && Date.now() - started < 15_000) {
      say(`Electron could not start (exit ${code}; no display?). Serving the UI in your browser instead:`, `Electron 无法启动（退出码 ${code}，可能没有显示器）。改为在浏览器中提供界面：`)
      serveBrowser()
    } else process.exit(code ?? 0)
  })
}
