// Layering rules (ARCHITECTURE.md): where a file runs is part of its address, and lint proves it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NO_ELECTRON = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const NO_IPC_MAIN = { name: 'electron', importNames: ['ipcMain'], message: 'Use the validated IPC wrapper in src/main/ipc.ts.' };
const NO_IPC_RENDERER = { name: 'electron', importNames: ['ipcRenderer'], message: 'ipcRenderer belongs to src/preload only.' };
const NO_OPEN_EXTERNAL = {
  object: 'shell',
  property: 'openExternal',
  message: 'Use the guarded openExternal helper in src/main/external.ts.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/.instructions/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', NO_OPEN_EXTERNAL],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**', 'src/server/**', 'src/simulators/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON, 'react', 'fs', 'path', 'os', 'crypto'], patterns: [{ group: ['node:*'], message: 'src/shared stays pure: no Node APIs.' }] },
      ],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_IPC_MAIN, NO_IPC_RENDERER] }] },
  },
  { files: ['src/main/ipc.ts'], rules: { 'no-restricted-imports': ['error', { paths: [NO_IPC_RENDERER] }] } },
  { files: ['src/preload/**'], rules: { 'no-restricted-imports': ['error', { paths: [NO_IPC_MAIN] }] } },
  { files: ['src/main/external.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-globals': ['error', 'require', 'process', '__dirname'] },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
