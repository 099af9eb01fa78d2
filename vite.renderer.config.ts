// The renderer's Vite config, used alone for browser mode (npm run web) and inside
// electron.vite.config.ts for the desktop app, so both serve the same bundle.
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { defineConfig, type UserConfig } from 'vite'

export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
  },
}

export default defineConfig(rendererConfig)
