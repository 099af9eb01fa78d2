// `npm run dist`: builds the app, then the installers for this platform with electron-builder
// (NSIS on Windows, dmg on macOS, AppImage and deb on Linux; `npm run dist -- --win` etc. for others).
// electron-builder downloads Electron and its packaging tools: without internet this fails, and says so.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0

if (!run(['electron-vite', 'build', '--logLevel', 'warn'])) process.exit(1)
if (!run(['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)])) {
  console.error('electron-builder failed. It needs internet access to download Electron and the packaging tools for each target;')
  console.error('electron-builder 失败。它需要联网下载 Electron 及各目标平台的打包工具。')
  process.exit(1)
}
console.log('Installers are in dist/ · 安装包位于 dist/')
