import { z } from 'zod';
import { describeIssues } from '../shared/errors.ts';

/** Empty strings count as unset, so `PORT= npm start` falls back to the default instead of failing. */
const unsetIfEmpty = (v: unknown): unknown => (v === '' ? undefined : v);

const Env = z
  .object({
    /** TCP port of the HTTP server. @defaultValue 8080 */
    PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(8080)),
    /** Interface to listen on; loopback unless you mean to expose the server. @defaultValue `127.0.0.1` */
    HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
    /** Where the database and the generated admin key live. Created on start. @defaultValue `./data` */
    DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./data')),
    /**
     * The store: `sqlite:<file>` (one server), or `postgres://user:password@host:port/database` (the scale-out store:
     * several server instances share it; one of them runs the daemons). @defaultValue `sqlite:<DATA_DIR>/axiom.db`
     */
    DATABASE_URL: z.preprocess(
      unsetIfEmpty,
      z.string().regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)/, 'expected sqlite:<file> or postgres://…').optional(),
    ),
    /**
     * Bearer key of the admin routes. If unset, a random key is generated on first start, stored in
     * `<DATA_DIR>/admin-key` and printed once. @defaultValue generated
     */
    ADMIN_KEY: z.preprocess(unsetIfEmpty, z.string().min(16, 'use at least 16 characters').optional()),
    /** The built PWA (`vite build` output), served at `/`. If missing, only the API is served. @defaultValue `./dist` */
    WEB_DIST: z.preprocess(unsetIfEmpty, z.string().min(1).default('./dist')),
    /**
     * Sweep deployed on first start: `full` = the experiment's default sweep with 20 seeds; `small` = widths [8, 16],
     * 3 epochs, 8 seeds (dev and e2e). Only has effect while the database has no sweep. @defaultValue `full`
     */
    DEFAULT_SWEEP: z.preprocess(unsetIfEmpty, z.enum(['full', 'small']).default('full')),
    /** `min_quorum` of the default sweep's workunits (1 = no replication). @defaultValue 1 */
    DEFAULT_MIN_QUORUM: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10).default(1)),
    /** `delay_bound`: seconds a host has to report a result before it is reissued. @defaultValue 604800 (7 days) */
    DELAY_BOUND_S: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).default(7 * 86_400)),
    /** How often the transitioner looks for due workunits. @defaultValue 5000 */
    TRANSITIONER_INTERVAL_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(10).default(5000)),
  })
  .transform((e) => ({ ...e, DATABASE_URL: e.DATABASE_URL ?? `sqlite:${e.DATA_DIR}/axiom.db` }));

/** The validated server configuration. */
export type Env = z.infer<typeof Env>;

/** Parses an environment; throws one error naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = Env.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid server environment: ${describeIssues(parsed.error).join('; ')}`);
}

/** This process's configuration, parsed once at import: a bad variable stops the server at startup. */
export const env: Env = loadEnv(process.env);

const TestEnv = z.object({
  /**
   * Which store `createTestServer` (server/testing) uses; vitest.config.ts sets it per project, so the server suite
   * runs once on SQLite and once on PostgreSQL. @defaultValue `sqlite`
   */
  AXIOM_TEST_DIALECT: z.preprocess(unsetIfEmpty, z.enum(['sqlite', 'postgres']).default('sqlite')),
  /**
   * A PostgreSQL database the PostgreSQL test project may create and drop schemas in (one schema per test server),
   * e.g. `postgres://axiom:axiom@127.0.0.1:5432/axiom_test`. .ci/run sets it. @defaultValue unset
   */
  TEST_DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^postgres(ql)?:\/\/.+/, 'expected postgres://…').optional()),
});

/** The test helpers' settings, kept apart from `Env` so the server never sees them. */
export type TestEnv = z.infer<typeof TestEnv>;

/** Parses the test helpers' settings; throws one error naming every bad variable. */
export function loadTestEnv(source: Record<string, string | undefined>): TestEnv {
  const parsed = TestEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid test environment: ${describeIssues(parsed.error).join('; ')}`);
}

/** This process's test settings; only server/testing reads them. */
export const testEnv: TestEnv = loadTestEnv(process.env);
