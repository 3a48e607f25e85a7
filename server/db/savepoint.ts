import { sql } from 'kysely';
import type { Db } from './connection.ts';

/** How work inside a savepoint ended: kept, or rolled back with the error that stopped it. */
export type SavepointOutcome = { type: 'kept' } | { type: 'rolled_back'; error: unknown };

/**
 * Runs `work` in a savepoint of the caller's transaction (`trx` must be one). If it throws, only its own changes roll
 * back and the error comes back as an outcome; the caller's earlier writes stay and commit with the transaction.
 * SAVEPOINT / ROLLBACK TO / RELEASE read the same in SQLite and PostgreSQL.
 */
export async function inSavepoint(trx: Db, name: string, work: () => Promise<void>): Promise<SavepointOutcome> {
  await sql`savepoint ${sql.id(name)}`.execute(trx);
  let outcome: SavepointOutcome = { type: 'kept' };
  try {
    await work();
  } catch (error) {
    await sql`rollback to savepoint ${sql.id(name)}`.execute(trx);
    outcome = { type: 'rolled_back', error };
  }
  await sql`release savepoint ${sql.id(name)}`.execute(trx);
  return outcome;
}
