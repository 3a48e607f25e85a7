import { sql } from 'kysely';
import type { Db } from './connection.ts';
import { dialectOf } from './dialect.ts';

/**
 * Serializes, across server instances, the transactions that decide about one workunit (the transitioner and
 * validator, an upload, a progress report), until the caller's transaction ends. PostgreSQL: a transaction-level
 * advisory lock on (schema, workunit), taken before the transaction writes anything of that workunit, so two
 * instances cannot both validate a quorum or both create the same replica from stale reads. Dispatch takes no such
 * lock (it claims single rows with SKIP LOCKED), so no lock cycle with it arises. SQLite: nothing to do, as one
 * connection runs one transaction at a time. Re-taking it in the same transaction returns at once.
 */
export async function lockWorkunit(trx: Db, workunitId: number): Promise<void> {
  if (dialectOf(trx) === 'sqlite') return;
  await sql`select pg_advisory_xact_lock((hashtext(current_schema())::bigint << 32) | ${workunitId}::bigint)`.execute(trx);
}
