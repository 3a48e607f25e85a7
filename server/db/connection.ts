import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

/** The Kysely handle every repository takes. */
export type Db = Kysely<Database>;

/**
 * Opens the store named by a `DATABASE_URL`. Only `sqlite:<file>` exists so far (PostgreSQL is the planned
 * scale-out dialect). WAL lets readers run beside the one writer; busy_timeout makes a second process wait for the
 * lock instead of failing at once; SQLite leaves foreign keys off unless asked, per connection.
 */
export function openDb(databaseUrl: string): Db {
  const match = /^sqlite:(.+)$/.exec(databaseUrl);
  if (match?.[1] === undefined) throw new Error(`DATABASE_URL ${databaseUrl}: expected sqlite:<file>; postgres is not implemented yet`);
  const file = match[1];
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL'); // WAL + NORMAL stays consistent on power loss; only the last commits may roll back
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
}
