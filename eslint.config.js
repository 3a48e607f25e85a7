// ESLint flat config. The import directions of DESIGN.md are enforced here, with the reason in each message, so
// nobody has to re-argue them in review (the pattern of excalidraw's packages/eslintrc.base.json).
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const zones = [
  { target: './shared', from: ['./experiments', './worker', './web', './server', './test', './bench', './science'],
    message: 'shared/ is the vocabulary: it may use zod only.' },
  { target: './experiments', from: ['./worker', './web', './server', './test', './bench', './science'],
    message: 'Kernels run anywhere: take what you need from ctx, never from worker/, web/ or server/.' },
  { target: './worker', from: ['./web', './server', './test', './bench', './science'],
    message: 'worker/ sits below the UI and beside the server: it may import shared/ and experiments/ only.' },
  { target: './web', from: ['./experiments', './server', './test', './bench', './science'],
    message: 'The page asks the worker; it never computes and never imports server code.' },
  { target: './web', from: './worker', except: ['./api.ts', './main.ts'],
    message: 'web/ talks to the worker only through its typed API (worker/api.ts, worker/main.ts?worker).' },
  { target: './server', from: ['./web', './worker', './test', './bench', './science'],
    message: 'server/ may import shared/ and experiments/ only.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-results/', 'playwright-report/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // One env module per runtime reads the environment (create-t3-turbo's restrictEnvAccess).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['server/env.ts', 'web/env.ts', 'test/**', 'bench/**', 'science/**', '*.config.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'process', property: 'env', message: "Use `import { env } from './env.ts'` so every setting is validated." }],
    },
  },
  {
    // Kernels are functions of (input, seed, checkpoint): no clocks, no randomness, no network.
    files: ['experiments/**/*.ts'],
    ignores: ['experiments/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded streams of engine/rng.ts.' },
        { object: 'Date', property: 'now', message: 'Use ctx.nowMs(); the worker keeps time.' },
        { object: 'performance', property: 'now', message: 'Use ctx.nowMs(); the worker keeps time.' },
        { object: 'crypto', property: 'getRandomValues', message: 'Use the seeded streams of engine/rng.ts.' },
        { object: 'process', property: 'env', message: 'Kernels read no environment: everything comes from the workunit.' }],
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'Kernels get their input from the workunit, never from the network.' },
        { name: 'Date', message: 'Use ctx.nowMs(); the worker keeps time.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['onnxruntime-web', 'onnxruntime-web/*'],
        message: 'Kernels never import onnxruntime: models come from ctx.engine.' }] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'science/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'max-lines': 'off' },
  },
);
