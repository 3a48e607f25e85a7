import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, type KyselyConfig } from 'kysely';
import { openPostgres } from './postgres-connection.ts';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

/** The Kysely handle every repository takes. */
export type Db = Kysely<Database>;

/**
 * Opens the store named by a `DATABASE_URL`: `sqlite:<file>` (one server) or `postgres://…` / `postgresql://…` (the
 * scale-out store several instances share; postgres-connection.ts). For SQLite: WAL lets readers run beside the one
 * writer; busy_timeout makes a second process wait for the lock instead of failing at once; SQLite leaves foreign keys
 * off unless asked, per connection. The WAL checkpointer and the statement cache are SQLite-only.
 */
export function openDb(databaseUrl: string): Db {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgres(databaseUrl);
  const match = /^sqlite:(.+)$/.exec(databaseUrl);
  if (match?.[1] === undefined) throw new Error(`DATABASE_URL ${databaseUrl}: expected sqlite:<file> or postgres://…`);
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
  let stopped: Promise<void> = Promise.resolve();
  const closeBoth = {
    prepare: (sql: string) => database.prepare(sql),
    close() {
      database.close();
      // Kysely's driver calls close without awaiting it; the thread finishes its current checkpoint and exits.
      stopped = checkpointer.stop().catch((error: unknown) => console.error('WAL checkpointer did not stop cleanly:', error));
    },
  };
  return new SqliteKysely({ dialect: new SqliteDialect({ database: closeBoth }), plugins: [new CamelCasePlugin()] }, () => stopped);
}

/**
 * A Kysely over a SQLite file whose `destroy()` also waits for the WAL checkpointer thread to close its connection, so
 * that once it resolves no thread of this handle touches the file (a caller may delete it at once: tests do).
 */
class SqliteKysely extends Kysely<Database> {
  readonly #checkpointerStopped: () => Promise<void>;

  constructor(config: KyselyConfig, checkpointerStopped: () => Promise<void>) {
    super(config);
    this.#checkpointerStopped = checkpointerStopped;
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.#checkpointerStopped();
  }
}
