import { sql } from 'kysely';
import { Outcome, ServerState, ValidateState } from '../../shared/boinc-states.ts';
import { compileOnce } from './compile-once.ts';
import type { Db } from './connection.ts';

/** One grant for the append-only ledger. */
export interface Grant {
  readonly resultId: number;
  readonly userId: number;
  readonly hostId: number;
  readonly credit: number;
  readonly grantedAt: number;
}

const appendGrantQuery = compileOnce(
  (db, resultId: number, userId: number, hostId: number, credit: number, grantedAt: number) => db.insertInto('creditLedger')
    .values({ resultId, userId, hostId, credit, grantedAt }).onConflict((oc) => oc.column('resultId').doNothing()),
  [[1001, 1002, 1003, 1004.5, 1005], [2001, 2002, 2003, 2004.5, 2005]],
);

/** Appends grants; a result already in the ledger is skipped (UNIQUE result_id), so a grant can never happen twice. */
export async function appendGrants(db: Db, grants: readonly Grant[]): Promise<void> {
  if (grants.length === 0) return;
  const [only] = grants;
  if (grants.length === 1 && only !== undefined) { // the common case (one new valid result): a statement compiled once
    await appendGrantQuery(db, only.resultId, only.userId, only.hostId, only.credit, only.grantedAt);
    return;
  }
  await db.insertInto('creditLedger').values([...grants]).onConflict((oc) => oc.column('resultId').doNothing()).execute();
}


const verdictAndCreditQuery = compileOnce(
  (db, resultId: number) => db.selectFrom('result').leftJoin('creditLedger', 'creditLedger.resultId', 'result.id')
    .select(['result.validateState', 'creditLedger.credit']).where('result.id', '=', resultId),
  [[1], [2]],
);

/** A result's `validate_state` and its granted credit (0 without a ledger row), in one query; undefined if no such result. */
export async function verdictAndCreditOfResult(db: Db, resultId: number): Promise<{ validateState: number; credit: number } | undefined> {
  const [row] = (await verdictAndCreditQuery(db, resultId)).rows;
  return row === undefined ? undefined : { validateState: row.validateState, credit: row.credit ?? 0 };
}

export async function userCreatedAt(db: Db, userId: number): Promise<number | undefined> {
  return (await db.selectFrom('user').select('createdAt').where('id', '=', userId).executeTakeFirst())?.createdAt;
}

export async function ledgerOfUser(db: Db, userId: number): Promise<{ credit: number; grantedAt: number }[]> {
  return db.selectFrom('creditLedger').select(['credit', 'grantedAt']).where('userId', '=', userId).execute();
}

/** Sum of the FLOP estimates of this user's reported results still waiting for a verdict (pending credit). */
export async function pendingFlopsOfUser(db: Db, userId: number): Promise<number> {
  const row = await db.selectFrom('result').innerJoin('workunit', 'workunit.id', 'result.workunitId')
    .select(sql<number | null>`sum(workunit.rsc_fpops_est)`.as('flops'))
    .where('result.userId', '=', userId).where('result.serverState', '=', ServerState.OVER)
    .where('result.outcome', '=', Outcome.SUCCESS)
    .where('result.validateState', 'in', [ValidateState.INIT, ValidateState.INCONCLUSIVE])
    .executeTakeFirstOrThrow();
  return row.flops ?? 0;
}

/** This user's most recently reported results with their workunit's estimate and any granted credit. */
export async function reportedResultsOfUser(db: Db, userId: number, limit: number) {
  return db.selectFrom('result').innerJoin('workunit', 'workunit.id', 'result.workunitId')
    .leftJoin('creditLedger', 'creditLedger.resultId', 'result.id')
    .select(['result.id', 'result.name', 'result.validateState', 'result.receivedTime', 'workunit.experiment',
      'workunit.rscFpopsEst', 'creditLedger.credit'])
    .where('result.userId', '=', userId).where('result.receivedTime', 'is not', null)
    .orderBy('result.receivedTime', 'desc').orderBy('result.id', 'desc').limit(limit).execute();
}
