import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Tests that exercise SQLite internals; every other server test also runs on PostgreSQL. `*.pg.test.ts` run on
// PostgreSQL only (several server instances on one database).
const SQLITE_ONLY = ['server/db/statement-cache.test.ts', 'server/db/wal-checkpointer.test.ts'];

// The server suite runs a second time on PostgreSQL (project `server-postgres`, AXIOM_TEST_DIALECT=postgres) when a
// test database is given or in CI; in CI a missing or unreachable PostgreSQL then fails those tests instead of
// skipping them (server/testing/test-database.ts). Locally: see .ci/run for the setup, then
// `TEST_DATABASE_URL=postgres://axiom:axiom@127.0.0.1:5432/axiom_test npx vitest run server`.
const withPostgres = (process.env.TEST_DATABASE_URL ?? '') !== '' || (process.env.CI ?? '') !== '';

const postgresProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'server-postgres',
    include: ['server/**/*.test.ts'],
    exclude: ['node_modules/**', ...SQLITE_ONLY],
    env: { AXIOM_TEST_DIALECT: 'postgres' },
  },
};

// One vitest config for the Node side (shared, experiments, worker logic, server, CLIs). Browser flows are
// Playwright's (test/e2e), which needs the built PWA and the real server.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['{shared,experiments,worker,server,test,bench,science}/**/*.test.ts'],
          exclude: ['node_modules/**', 'test/e2e/**', '**/*.pg.test.ts'],
          env: { AXIOM_TEST_DIALECT: 'sqlite' },
        },
      },
      ...(withPostgres ? [postgresProject] : []),
    ],
  },
});
