import { PostgresAdapter, type DialectAdapter } from 'kysely';

/** The two stores the server runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Anything Kysely-shaped (a `Kysely`, a transaction, a migration's `Kysely<unknown>`). */
interface HasAdapter {
  getExecutor(): { readonly adapter: DialectAdapter };
}

/**
 * Which dialect a handle talks to. The one place code asks: SQL that differs between SQLite and PostgreSQL (row locks,
 * identity columns, advisory locks) branches on this, everything else is written once with Kysely's builders.
 */
export function dialectOf(db: HasAdapter): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
