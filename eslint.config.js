// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'http2', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const noElectron = {
  paths: [{ name: 'electron', message: "Electron is only imported in main/app and preload (tests here cannot load it). Put the logic in main/services and inject what you need." }],
  patterns: [{ group: ['electron-store', 'electron-store/*'], message: 'electron-store loads Electron: use the SettingsStore interface; the adapter lives in main/app.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.vite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  // Layer: everything in main except main/app is plain Node: no Electron.
  {
    files: ['main/**/*.ts', 'tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', 'assets/**/*.ts'],
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  // Layer: the renderer runs in a sandboxed page: no Node built-ins, no Electron, no main-process code.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The typescript-eslint variant: type-only imports of the contract are fine, values would bundle zod.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron.paths,
            ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer has no Node: ask main through the contract (window.classe).' })),
            { name: 'zod', message: 'Main validates every message; the renderer ships without zod (preload/contract/names.ts, limits.ts).' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node: ask main through the contract (window.classe).' },
            { group: ['**/main/**'], message: 'The renderer talks to main only through the contract (preload/contract.ts).' },
            { group: ['**/preload/index*'], message: 'Use window.classe, not the preload module.' },
            {
              regex: '/preload/contract(/(?!(names|limits|guide-slides|check-symbols)$)[^/]+)?$',
              allowTypeImports: true,
              message: 'Only types from the contract here (its schemas would bundle zod); values come from preload/contract/names.ts or limits.ts (guide-slides.ts and check-symbols.ts are plain code too).',
            },
          ],
        },
      ],
    },
  },
  // The preload only needs Electron's IPC and the contract.
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**'], message: 'The preload knows only the contract.' }] }],
    },
  },
  // The contract is shared by both sides: no Node, no Electron.
  {
    files: ['preload/contract.ts', 'preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noElectron.paths, ...NODE_BUILTINS.map((name) => ({ name, message: 'The contract is shared with the renderer: no Node.' }))],
          patterns: [
            { group: ['node:*'], message: 'The contract is shared with the renderer: no Node.' },
            { group: ['**/main/**'], message: 'The contract must not depend on main.' },
          ],
        },
      ],
    },
  },
);
