// Lint rules enforce the layering described in ../shared/docs/style.md:
// a folder name says where its code may run, and an import that drags a heavier
// runtime into a lighter one fails `npm run lint`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Packages that only the main process (or the simulator) may load. */
const MAIN_ONLY_PACKAGES = ['electron', 'ws', 'keytar', 'pino', 'rotating-file-stream', 'electron-updater', 'csv-parse'];

const restrict = (paths, patterns, message) => ({
  paths: paths.map((name) => ({ name, message })),
  patterns: patterns.map((group) => ({ group: [group], message })),
});

const mergeRestrictions = (...parts) => ({
  paths: parts.flatMap((p) => p.paths),
  patterns: parts.flatMap((p) => p.patterns),
});

const SHARED_RESTRICTIONS = mergeRestrictions(
  restrict(NODE_BUILTINS, [], 'src/shared is pure TypeScript: no node:* modules.'),
  restrict([...MAIN_ONLY_PACKAGES, 'react', 'react-dom', 'zustand'], [], 'src/shared may not depend on a runtime.'),
  restrict([], ['**/main/**', '**/renderer/**', '**/preload/**', '**/sim/**'], 'src/shared imports only src/shared.'),
);

const RENDERER_RESTRICTIONS = mergeRestrictions(
  restrict(NODE_BUILTINS, [], 'The renderer runs in a sandboxed page: no node:* modules.'),
  restrict(MAIN_ONLY_PACKAGES, [], 'The renderer talks to the engine only through the API contract in src/shared.'),
  restrict([], ['**/main/**', '**/preload/**', '**/sim/**'], 'The renderer imports only src/renderer and src/shared.'),
);

const PRELOAD_RESTRICTIONS = mergeRestrictions(
  restrict(
    NODE_BUILTINS,
    [],
    'A sandboxed preload has no node:* modules; it only builds the API object from the contract.',
  ),
  restrict(
    MAIN_ONLY_PACKAGES.filter((p) => p !== 'electron'),
    [],
    'The preload only bridges IPC.',
  ),
  restrict([], ['**/main/**', '**/renderer/**', '**/sim/**'], 'The preload imports only electron and src/shared.'),
);

const MAIN_RESTRICTIONS = mergeRestrictions(
  restrict(['electron'], [], 'Only Electron adapters (src/main/electron/**, src/main/index.ts) may import electron.'),
  restrict([], ['**/renderer/**', '**/preload/**', '**/sim/**'], 'src/main may not import the renderer, preload or simulator.'),
);

const MAIN_ELECTRON_RESTRICTIONS = mergeRestrictions(
  restrict([], ['**/renderer/**', '**/preload/**'], 'src/main may not import the renderer or preload.'),
);

const CLI_RESTRICTIONS = mergeRestrictions(
  restrict(['electron'], [], 'Command-line entry points run in plain Node.'),
  restrict([], ['**/renderer/**', '**/preload/**'], 'Command-line entry points compose src/main and src/sim only.'),
);

const SIM_RESTRICTIONS = mergeRestrictions(
  restrict(['electron', 'keytar'], [], 'The simulator is a plain Node server.'),
  restrict(
    [],
    ['**/main/**', '**/renderer/**', '**/preload/**'],
    'The simulator shares nothing with the client code it tests beyond src/shared.',
  ),
);

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', SHARED_RESTRICTIONS],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', 'global', 'setImmediate', '__dirname'].map(
          (name) => ({ name, message: `src/shared is pure TypeScript: inject what needs "${name}".` }),
        ),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', RENDERER_RESTRICTIONS],
      'no-restricted-globals': [
        'error',
        ...['process', 'require', 'Buffer', 'global', '__dirname'].map((name) => ({
          name,
          message: `The renderer is a sandboxed web page: "${name}" does not exist there.`,
        })),
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', PRELOAD_RESTRICTIONS] },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', MAIN_RESTRICTIONS] },
  },
  {
    // Electron adapters and the composition root (which may start the simulator for demo mode).
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', MAIN_ELECTRON_RESTRICTIONS] },
  },
  {
    // Plain-Node composition roots: doctor, serve, demo.
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', CLI_RESTRICTIONS] },
  },
  {
    files: ['src/main/**/*.ts', 'src/sim/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/index.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Library code never exits the process; return or throw.' },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', SIM_RESTRICTIONS] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,mts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
