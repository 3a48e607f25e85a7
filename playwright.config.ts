import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, REFUSING_PROXY_PORT, chromiumFlags } from './test/support/chromium-flags.ts';
import { E2E_ADMIN_KEY, E2E_PORT } from './test/support/e2e-constants.ts';


// A fresh database per run. The config is evaluated again in each test worker; the env var keeps one directory.
process.env.AXIOM_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'axiom-e2e-'));

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumFlags({ proxyPort: REFUSING_PROXY_PORT }) },
    trace: 'retain-on-failure',
  },
  // The volunteer flow runs first, on a fresh database: its two hosts then get the two replicas of the first workunit,
  // so the resumed run is compared with an uninterrupted one. The other specs run after it, on the same server.
  projects: [
    { name: 'volunteer-flow', testMatch: 'volunteer-flow.spec.ts' },
    { name: 'browser-behaviour', testIgnore: 'volunteer-flow.spec.ts', dependencies: ['volunteer-flow'] },
  ],
  webServer: [
    {
      command: `npx tsx test/support/refusing-proxy.ts ${REFUSING_PROXY_PORT}`,
      port: REFUSING_PROXY_PORT,
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx server/main.ts',
      url: `http://127.0.0.1:${E2E_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(E2E_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: process.env.AXIOM_E2E_DATA_DIR,
        DEFAULT_SWEEP: 'small',
        // Two replicas per workunit: the replica computed by a second browser proves resume = uninterrupted.
        DEFAULT_MIN_QUORUM: '2',
        WEB_DIST: 'dist',
        ADMIN_KEY: E2E_ADMIN_KEY,
        TRANSITIONER_INTERVAL_MS: '500',
      },
    },
  ],
});
