import { sql } from 'kysely';
import type { Db } from './connection.ts';
import { dialectOf } from './dialect.ts';

/** First half of the advisory lock key ("AXDM"); the second half is the schema's hash, see `tryDaemonLock`. */
const LOCK_CLASS = 0x4158444d;

/** The right to run the daemons (transitioner, validator), held until released or until the connection ends. */
export interface DaemonLock {
  release(): Promise<void>;
}

/**
 * Tries to become the one instance that runs the daemons. SQLite: always granted, as one server owns its file (as
 * before). PostgreSQL: a session-level `pg_try_advisory_lock` on a connection kept out of the pool while held, keyed
 * by the current schema, so instances sharing a database and schema elect one runner and other schemas (tests, other
 * deployments) do not interfere. If the holder dies, its session ends and PostgreSQL frees the lock for the next
 * instance that tries. Resolves to null when another instance holds it.
 */
export async function tryDaemonLock(db: Db): Promise<DaemonLock | null> {
  if (dialectOf(db) === 'sqlite') return { release: () => Promise.resolve() };
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let reportTaken = (_taken: boolean): void => undefined;
  const taken = new Promise<boolean>((resolve) => { reportTaken = resolve; });
  const session = db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${LOCK_CLASS}, hashtext(current_schema())) as locked`.execute(conn);
    const locked = rows[0]?.locked === true;
    reportTaken(locked);
    if (!locked) return;
    await released;
    await sql`select pg_advisory_unlock(${LOCK_CLASS}, hashtext(current_schema()))`.execute(conn);
  });
  // A failure before the answer (no connection) rejects `taken` through this race; one after it surfaces in release().
  const isLocked = await Promise.race([taken, session.then(() => false)]);
  if (!isLocked) {
    await session;
    return null;
  }
  return {
    async release() {
      release();
      await session;
    },
  };
}
