// Lint enforces the runtime layers of DESIGN.md §4: the engine and everything but src-main/electron
// stay free of Electron; the renderer stays free of Node; the shared contract depends on nothing.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'))
const electron = {
  paths: [{ name: 'electron', message: 'Only src-main/electron may import electron: the engine must run in plain Node and in workers.' }],
  patterns: [{ group: ['electron/*'], message: 'Only src-main/electron may import electron.' }],
}
const noNode = [
  { group: ['node:*'], message: 'The renderer runs in a sandboxed browser page: no Node modules. Go through window.lcube / the contract.' },
  { group: nodeBuiltins.flatMap((m) => [m, `${m}/*`]), message: 'The renderer runs in a sandboxed browser page: no Node builtins.' },
]
const noMainFromOutside = { group: ['**/src-main/**', '../src-main/*'], message: 'Only the shared contract (src-shared) crosses runtimes.' }

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/artifacts/**', 'bench-results/**', 'coverage/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['*.config.{js,ts,mjs}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src-main/{engine,device,service,cli,web}/**/*.ts', 'src-main/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...electron, patterns: [...electron.patterns, { group: ['../electron/*', '../../electron/*', '../../../electron/*'], message: 'Only the Electron entry composes src-main/electron.' }] }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...electron,
        patterns: [...electron.patterns, ...noNode, noMainFromOutside, { group: ['react', 'react-dom', 'react/*'], message: 'The contract is UI-free.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...electron, patterns: [...electron.patterns, ...noNode, noMainFromOutside] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No Node globals in the renderer.' }, { name: 'require', message: 'No require in the renderer.' }, { name: 'Buffer', message: 'No Buffer in the renderer.' }],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noMainFromOutside] }] },
  },
)
