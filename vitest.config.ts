import { defineConfig } from 'vitest/config';

// One vitest config for the Node side (shared, experiments, worker logic, server, CLIs). Browser flows are
// Playwright's (test/e2e), which needs the built PWA and the real server.
export default defineConfig({
  test: {
    include: ['{shared,experiments,worker,server,test,bench,science}/**/*.test.ts'],
    exclude: ['node_modules/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
