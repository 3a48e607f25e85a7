import { ServerState } from '../../shared/boinc-states.ts';
import { HostId, ResultId, WorkunitId } from '../../shared/ids.ts';
import type { AdminResult } from '../../shared/protocol/admin-results.ts';
import type { Db } from './connection.ts';
import { compileOnce } from './compile-once.ts';
import { dialectOf } from './dialect.ts';
import { lockWorkunit } from './workunit-lock.ts';
import { resultById, workunitById, type ResultRow, type WorkunitRow } from './workunits-repo.ts';

/** An unsent result that a host may take, with what its task needs. */
export interface DispatchCandidate {
  readonly id: number;
  readonly workunitId: number;
  readonly name: string;
  readonly inputJson: string;
  readonly rscFpopsEst: number;
  readonly delayBound: number;
  readonly appVersion: number;
}

/**
 * Unsent results of live workunits on non-deprecated app versions, oldest workunit first (so reissued replicas of
 * started workunits go before fresh work and workunits finish instead of piling up pending), excluding workunits of which
 * this host or this user already holds a replica (BOINC `one_result_per_user_per_wu`). One query; the caller still
 * drops a second replica of one workunit within the batch.
 */
export async function findDispatchCandidates(db: Db, host: { hostId: number; userId: number }, limit: number): Promise<DispatchCandidate[]> {
  return (await dispatchCandidatesQuery(db, host.hostId, host.userId, limit)).rows;
}

const dispatchCandidatesQuery = compileOnce(
  (db, hostId: number, userId: number, limit: number) => db.selectFrom('result as r')
    .innerJoin('workunit as w', 'w.id', 'r.workunitId')
    .innerJoin('appVersion as av', 'av.id', 'w.appVersionId')
    .where('r.serverState', '=', ServerState.UNSENT)
    .where('w.errorMask', '=', 0)
    .where('w.canonicalResultid', 'is', null)
    .where('av.isDeprecated', '=', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('result as mine').select('mine.id')
      .whereRef('mine.workunitId', '=', 'r.workunitId')
      .where((o) => o.or([o('mine.hostId', '=', hostId), o('mine.userId', '=', userId)])))))
    .select(['r.id', 'r.workunitId', 'r.name', 'w.inputJson', 'w.rscFpopsEst', 'w.delayBound', 'av.versionNum as appVersion'])
    .orderBy('r.workunitId').orderBy('r.id')
    .limit(limit),
  [[1001, 1002, 1003], [2001, 2002, 2003]],
);

const leaseQuery = compileOnce(
  (db, resultId: number, hostId: number, userId: number, nowS: number, deadlineS: number) => {
    const lease = db.updateTable('result')
      .set({ serverState: ServerState.IN_PROGRESS, hostId, userId, sentTime: nowS, reportDeadline: deadlineS });
    if (dialectOf(db) === 'sqlite') return lease.where('id', '=', resultId).where('serverState', '=', ServerState.UNSENT);
    // PostgreSQL: several server instances dispatch at once. The row is claimed with FOR UPDATE SKIP LOCKED, so a
    // replica another transaction is leasing right now is skipped at once (no waiting for that commit) and the
    // state is checked under the row lock: no two transactions can both see it UNSENT and lease it.
    return lease.where('id', '=', (eb) => eb.selectFrom('result as claim').select('claim.id')
      .where('claim.id', '=', resultId).where('claim.serverState', '=', ServerState.UNSENT).forUpdate().skipLocked());
  },
  [[1001, 1002, 1003, 1004, 1005], [2001, 2002, 2003, 2004, 2005]],
);

/**
 * Leases an unsent result (2 → 4). False if someone else took it first (or, on PostgreSQL, is taking it now: the
 * caller moves on to its next candidate).
 */
export async function leaseResult(
  db: Db,
  lease: { resultId: number; hostId: number; userId: number; nowS: number; deadlineS: number },
): Promise<boolean> {
  const r = await leaseQuery(db, lease.resultId, lease.hostId, lease.userId, lease.nowS, lease.deadlineS);
  return r.numAffectedRows === 1n;
}

/** Results this host holds (IN_PROGRESS), with what a task needs, so lost ones can be resent. */
export async function findHostLeases(db: Db, hostId: number): Promise<(DispatchCandidate & { reportDeadline: number | null })[]> {
  return (await hostLeasesQuery(db, hostId)).rows;
}

const hostLeasesQuery = compileOnce(
  (db, hostId: number) => db.selectFrom('result as r')
    .innerJoin('workunit as w', 'w.id', 'r.workunitId')
    .innerJoin('appVersion as av', 'av.id', 'w.appVersionId')
    .where('r.hostId', '=', hostId).where('r.serverState', '=', ServerState.IN_PROGRESS)
    .select(['r.id', 'r.workunitId', 'r.name', 'w.inputJson', 'w.rscFpopsEst', 'w.delayBound', 'av.versionNum as appVersion',
      'r.reportDeadline'])
    .orderBy('r.id'),
  [[1001], [2001]],
);

/** The given results' lease columns (unknown ids are absent). */
export async function findLeases(db: Db, resultIds: readonly number[]): Promise<{ id: number; hostId: number | null; serverState: number }[]> {
  if (resultIds.length === 0) return [];
  return db.selectFrom('result').select(['id', 'hostId', 'serverState']).where('id', 'in', resultIds).execute();
}

/**
 * A result with its workunit, or undefined; for a caller about to change the result (upload, progress). On PostgreSQL
 * it first takes the workunit's lock (workunit-lock.ts) and then reads the result again, so what the caller sees
 * cannot change under it by another instance's transition before it commits.
 */
export async function findResultWithWorkunit(db: Db, resultId: number): Promise<{ result: ResultRow; wu: WorkunitRow } | undefined> {
  let [result] = (await resultById(db, resultId)).rows;
  if (result === undefined) return undefined;
  if (dialectOf(db) === 'postgres') {
    await lockWorkunit(db, result.workunitId);
    [result] = (await resultById(db, resultId)).rows;
    if (result === undefined) return undefined;
  }
  const [wu] = (await workunitById(db, result.workunitId)).rows;
  if (wu === undefined) throw new Error(`result ${resultId} names workunit ${result.workunitId}, which does not exist`);
  return { result, wu };
}

/** One workunit's results with state, digest and granted credit, for the admin page. */
export async function listAdminResults(db: Db, workunitId: number): Promise<AdminResult[]> {
  const rows = await db.selectFrom('result')
    .leftJoin('creditLedger', 'creditLedger.resultId', 'result.id')
    .select(['result.id', 'result.workunitId', 'result.name', 'result.hostId', 'result.serverState', 'result.outcome',
      'result.validateState', 'result.outputDigest', 'result.backend', 'creditLedger.credit'])
    .where('result.workunitId', '=', workunitId).orderBy('result.id').execute();
  return rows.map((r) => ({
    resultId: ResultId.parse(r.id), workunitId: WorkunitId.parse(r.workunitId), name: r.name,
    hostId: r.hostId === null ? null : HostId.parse(r.hostId), serverState: r.serverState, outcome: r.outcome,
    validateState: r.validateState, outputDigest: r.outputDigest, backend: r.backend, credit: r.credit ?? 0,
  }));
}
