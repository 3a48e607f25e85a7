import type { Insertable, Selectable, Updateable } from 'kysely';
import { compileOnce } from './compile-once.ts';
import type { Db } from './connection.ts';
import type { ResultTable, WorkunitTable } from './schema.ts';
import { lockWorkunit } from './workunit-lock.ts';

export type WorkunitRow = Selectable<WorkunitTable>;
export type ResultRow = Selectable<ResultTable>;

/** SQLite allows 32766 bound variables per statement; 200 rows × ~17 columns stays far below it. */
const INSERT_CHUNK = 200;

export async function findAppVersionId(db: Db, experiment: string, versionNum: number): Promise<number | undefined> {
  const row = await db.selectFrom('appVersion').select('id')
    .where('experiment', '=', experiment).where('versionNum', '=', versionNum).executeTakeFirst();
  return row?.id;
}

export async function insertAppVersion(db: Db, experiment: string, versionNum: number, nowS: number): Promise<number> {
  const row = await db.insertInto('appVersion').values({ experiment, versionNum, isDeprecated: 0, createdAt: nowS })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findSweepId(db: Db, name: string): Promise<number | undefined> {
  return (await db.selectFrom('sweep').select('id').where('name', '=', name).executeTakeFirst())?.id;
}

export async function hasAnySweep(db: Db): Promise<boolean> {
  return (await db.selectFrom('sweep').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertSweep(db: Db, sweep: { name: string; experiment: string; appVersionId: number; nowS: number }): Promise<number> {
  const row = await db.insertInto('sweep')
    .values({ name: sweep.name, experiment: sweep.experiment, appVersionId: sweep.appVersionId, createdAt: sweep.nowS })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertWorkunits(db: Db, rows: readonly Insertable<WorkunitTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('workunit').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

export async function insertResults(db: Db, rows: readonly Insertable<ResultTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('result').values(rows.slice(i, i + INSERT_CHUNK)).execute();
}

// The lifecycle's hottest lookups, compiled once (compile-once.ts).
export const workunitById = compileOnce((db, id: number) => db.selectFrom('workunit').selectAll().where('id', '=', id), [[1], [2]]);
export const resultById = compileOnce((db, id: number) => db.selectFrom('result').selectAll().where('id', '=', id), [[1], [2]]);
const resultsOfWorkunit = compileOnce(
  (db, workunitId: number) => db.selectFrom('result').selectAll().where('workunitId', '=', workunitId).orderBy('id'),
  [[1], [2]],
);

/**
 * A workunit and all its results (ordered by id), or undefined. Two indexed queries; on PostgreSQL after taking the
 * workunit's lock (workunit-lock.ts), as whoever loads a workunit this way is about to decide about it.
 */
export async function loadWorkunit(db: Db, workunitId: number): Promise<{ wu: WorkunitRow; results: ResultRow[] } | undefined> {
  await lockWorkunit(db, workunitId);
  const [wu] = (await workunitById(db, workunitId)).rows;
  if (wu === undefined) return undefined;
  const { rows: results } = await resultsOfWorkunit(db, workunitId);
  return { wu, results };
}

export async function updateWorkunit(db: Db, workunitId: number, patch: Updateable<WorkunitTable>): Promise<void> {
  await db.updateTable('workunit').set(patch).where('id', '=', workunitId).execute();
}

const resultStatesQuery = compileOnce(
  (db, id: number, serverState: number, outcome: number, validateState: number) =>
    db.updateTable('result').set({ serverState, outcome, validateState }).where('id', '=', id),
  [[1001, 1002, 1003, 1004], [2001, 2002, 2003, 2004]],
);

/** Sets a result's three BOINC states (the transitioner's write per changed result). */
export async function setResultStates(db: Db, resultId: number, states: { serverState: number; outcome: number; validateState: number }): Promise<void> {
  await resultStatesQuery(db, resultId, states.serverState, states.outcome, states.validateState);
}

const workunitStateQuery = compileOnce(
  (db, id: number, canonicalResultid: number | null, targetNresults: number, errorMask: number, assimilateState: number,
    transitionTime: number | null) =>
    db.updateTable('workunit').set({ canonicalResultid, targetNresults, errorMask, assimilateState, transitionTime }).where('id', '=', id),
  [[1001, 1002, 1003, 1004, 1005, 1006], [2001, 2002, 2003, 2004, 2005, 2006]],
);

/** Writes what a transition decided about a workunit (the transitioner's last write). */
export async function setWorkunitState(
  db: Db,
  workunitId: number,
  state: { canonicalResultid: number | null; targetNresults: number; errorMask: number; assimilateState: number; transitionTime: number | null },
): Promise<void> {
  await workunitStateQuery(db, workunitId, state.canonicalResultid, state.targetNresults, state.errorMask, state.assimilateState,
    state.transitionTime);
}

/** The columns an accepted upload writes. */
export interface ReceivedResult {
  readonly serverState: number;
  readonly outcome: number;
  readonly validateState: number;
  readonly receivedTime: number;
  readonly outputJson: string;
  readonly outputDigest: string;
  readonly backend: string;
  readonly adapter: string;
  readonly computeMs: number;
  readonly elapsedS: number | null;
}

const receivedQuery = compileOnce(
  (db, id: number, serverState: number, outcome: number, validateState: number, receivedTime: number, outputJson: string,
    outputDigest: string, backend: string, adapter: string, computeMs: number, elapsedS: number | null) =>
    db.updateTable('result').set({ serverState, outcome, validateState, receivedTime, outputJson, outputDigest, backend, adapter, computeMs, elapsedS })
      .where('id', '=', id),
  [[1001, 1002, 1003, 1004, 1005, 'o1', 'd1', 'b1', 'a1', 1006, 1007], [2001, 2002, 2003, 2004, 2005, 'o2', 'd2', 'b2', 'a2', 2006, 2007]],
);

/** Stores an accepted upload on its result (every upload writes these columns, so the statement is compiled once). */
export async function recordReceivedResult(db: Db, resultId: number, r: ReceivedResult): Promise<void> {
  await receivedQuery(db, resultId, r.serverState, r.outcome, r.validateState, r.receivedTime, r.outputJson, r.outputDigest, r.backend,
    r.adapter, r.computeMs, r.elapsedS);
}

export async function updateResult(db: Db, resultId: number, patch: Updateable<ResultTable>): Promise<void> {
  await db.updateTable('result').set(patch).where('id', '=', resultId).execute();
}

/** Workunits whose `transition_time` has come, oldest first. */
export async function dueWorkunitIds(db: Db, nowS: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('workunit').select('id')
    .where('transitionTime', 'is not', null).where('transitionTime', '<=', nowS)
    .orderBy('transitionTime').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Asks the transitioner to look at a workunit no later than `atS`. */
export async function scheduleTransition(db: Db, workunitId: number, atS: number): Promise<void> {
  await scheduleTransitions(db, [workunitId], atS);
}

/** Asks the transitioner to look at each of these workunits no later than `atS`: one statement for all of them. */
export async function scheduleTransitions(db: Db, workunitIds: readonly number[], atS: number): Promise<void> {
  if (workunitIds.length === 0) return;
  await db.updateTable('workunit')
    // A CASE, not SQLite's two-argument min(), so PostgreSQL runs the same statement. `eb.val`: a bare `then(atS)`
    // is inlined as a literal, which made a new SQL text (and a new prepared statement) every second.
    .set((eb) => ({
      transitionTime: eb.case().when('transitionTime', 'is', null).then(eb.val(atS)).when('transitionTime', '>', atS).then(eb.val(atS))
        .else(eb.ref('transitionTime')).end(),
    }))
    .where('id', 'in', workunitIds).execute();
}
