import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../db/dialect.ts';
import { testEnv } from '../env.ts';

/** An empty database for one test, in the dialect of the running vitest project (`AXIOM_TEST_DIALECT`). */
export interface TestDatabase {
  readonly dialect: DialectName;
  /** A `DATABASE_URL` for `openDb`; several handles may open it at once (two "server instances"). */
  readonly url: string;
  /** Removes the database; call after every handle on it is closed. */
  drop(): Promise<void>;
}

const HOW_TO = 'start PostgreSQL and set TEST_DATABASE_URL=postgres://axiom:axiom@127.0.0.1:5432/axiom_test '
  + '(.ci/run shows the setup), or run only the SQLite project: npx vitest run --project node';

/** Runs one statement on its own short-lived connection, with an error that says what to do when PG is not there. */
async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL test project: cannot connect to TEST_DATABASE_URL: ${HOW_TO}`, { cause: error });
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * SQLite: a file in a fresh temp dir. PostgreSQL: a fresh schema in `TEST_DATABASE_URL`'s database, made the only
 * entry of the connection's search_path (pg's `options` startup parameter), so tests run side by side and migrate
 * from nothing each time; dropping it drops everything in it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEnv.AXIOM_TEST_DIALECT === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'axiom-db-test-'));
    return {
      dialect: 'sqlite', url: `sqlite:${join(dir, 'axiom.db')}`,
      // Retries: the WAL checkpointer thread (db/wal-checkpointer.ts) may still be closing its files right after
      // `db.destroy()`, which shows as ENOTEMPTY.
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })),
    };
  }
  const baseUrl = testEnv.TEST_DATABASE_URL;
  if (baseUrl === undefined) throw new Error(`PostgreSQL test project: TEST_DATABASE_URL is not set: ${HOW_TO}`);
  const schema = `axiom_test_${randomBytes(6).toString('hex')}`; // hex only: safe as a bare identifier
  await adminQuery(baseUrl, `create schema ${schema}`);
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { dialect: 'postgres', url, drop: () => adminQuery(baseUrl, `drop schema ${schema} cascade`) };
}
