import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; `IN (…)` lists and multi-row inserts of other lengths are separate texts. */
const DEFAULT_CAPACITY = 500;

/**
 * A better-sqlite3 handle whose `prepare` reuses statements. Kysely's SQLite driver prepares every query afresh, and
 * compiling the SQL was ~10 % of the server's CPU under load (bench/server.ts profile). Reuse is safe here because the
 * driver runs one query at a time on its one connection and runs each statement to completion (`all`/`run`); only
 * `iterate` (Kysely's streaming, unused) could leave a statement busy. Least recently used texts are dropped first.
 */
export function withStatementCache(database: SqliteDatabase, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        cache.delete(sql); // re-insert: Map keeps insertion order, so the first key is the least recently used
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
