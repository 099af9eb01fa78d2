// electron-vite looks in src/{main,preload,renderer} by default; our layers live in src-*,
// so every entry is named here.
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { rendererConfig } from './vite.renderer.config'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // each worker is its own entry: workerScript() loads out/main/<name>.js beside the bundle
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          'copy-worker': resolve(import.meta.dirname, 'src-main/engine/copy/copy-worker.ts'),
          'hash-worker': resolve(import.meta.dirname, 'src-main/engine/compare/hash-worker.ts'),
          'service-worker': resolve(import.meta.dirname, 'src-main/service/service-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // a sandboxed preload cannot require chunks or packages: one self-contained CommonJS file
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
})
