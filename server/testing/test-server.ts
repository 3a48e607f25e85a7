import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { findExperiment } from '../../experiments/registry.ts';
import { unixSeconds } from '../clock.ts';
import { createTransitioner, type Transitioner } from '../daemons/transitioner.ts';
import { openDb, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createApp } from '../http/app.ts';
import { deployDefaultProject } from '../project/default-project.ts';
import { createManualClock, type ManualClock } from './manual-clock.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789';

/**
 * A real server (a real SQLite file, or a fresh schema on a real PostgreSQL server in the PostgreSQL test project:
 * test-database.ts; the real registry) with a manual clock, driven by `app.inject()`.
 */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly clock: ManualClock;
  readonly transitioner: Transitioner;
  readonly dir: string;
  /** The database this server uses; pass it as `database` to start a second instance on it. */
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Builds a test server with the small default sweep (widths [8, 16], 3 epochs, 8 seeds) at the given quorum. Given
 * `database` (another test server's), it is a second instance on that database (migrating and deploying are no-ops
 * there) and leaves dropping it to its owner.
 */
export async function createTestServer(
  options: { minQuorum?: number; delayBoundS?: number; webDist?: string; database?: TestDatabase } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-server-test-'));
  const database = options.database ?? await createTestDatabase();
  const db = openDb(database.url);
  await migrateToLatest(db);
  const clock = createManualClock();
  const env = { DEFAULT_SWEEP: 'small', DEFAULT_MIN_QUORUM: options.minQuorum ?? 1, DELAY_BOUND_S: options.delayBoundS ?? 3600 } as const;
  await deployDefaultProject(db, env, findExperiment, unixSeconds(clock));
  const transitioner = createTransitioner({
    db, clock, findExperiment, intervalMs: 1_000_000, onError: (e) => { throw e; },
  });
  await transitioner.runOnce();
  const app = await createApp({
    db, clock, adminKey: TEST_ADMIN_KEY, webDist: options.webDist ?? join(dir, 'no-dist'), transition: transitioner.transitionIn,
    logLevel: 'silent',
  });
  return {
    app, db, clock, transitioner, dir, database,
    async close() {
      await app.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
      if (options.database === undefined) await database.drop();
    },
  };
}

/** A digest of every row of the mutable tables, so a test can show that nothing changed at all. */
export async function snapshot(db: Db): Promise<string> {
  const parts: unknown[] = [];
  for (const table of ['user', 'host', 'workunit', 'result', 'credit_ledger']) {
    parts.push((await sql`select * from ${sql.table(table)} order by id`.execute(db)).rows);
  }
  return JSON.stringify(parts);
}
