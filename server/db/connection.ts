import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

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
  if (file === ':memory:') {
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  }
  // Checkpoints run off the request path (wal-checkpointer.ts); the writer's own automatic checkpoint (default 1000
  // pages) is only a safety net at 10000 pages (~40 MB of WAL).
  sqlite.pragma('wal_autocheckpoint = 10000');
  const checkpointer = startWalCheckpointer(file, (error) => console.error('WAL checkpointer:', error));
  const database = withStatementCache(sqlite);
  const closeBoth = {
    prepare: (sql: string) => database.prepare(sql),
    close() {
      database.close();
      // Kysely's close is synchronous; the thread finishes its current checkpoint and exits on its own.
      checkpointer.stop().catch((error: unknown) => console.error('WAL checkpointer did not stop cleanly:', error));
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: closeBoth }), plugins: [new CamelCasePlugin()] });
}
