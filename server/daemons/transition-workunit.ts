import type { Experiment } from '../../experiments/experiment.ts';
import { AssimilateState, Outcome, ServerState, ValidateState, WuErrorMask } from '../../shared/boinc-states.ts';
import type { Db } from '../db/connection.ts';
import { appendGrants } from '../db/credit-repo.ts';
import { insertResults, loadWorkunit, setResultStates, setWorkunitState, type ResultRow } from '../db/workunits-repo.ts';
import { creditForFlops } from '../credit/credit.ts';
import { validateWorkunit } from '../validation/validate-workunit.ts';

/** Finds an experiment by name (the registry in production). */
export type FindExperiment = (name: string) => Experiment | undefined;

/** What one transition did, for logs and tests. */
export interface TransitionReport {
  readonly timedOut: number;
  readonly created: number;
  readonly validated: number;
  readonly granted: number;
}

const isSuccess = (r: ResultRow) => r.serverState === ServerState.OVER && r.outcome === Outcome.SUCCESS;

/**
 * BOINC's transitioner for one workunit (boinc.md §10, `sched/transitioner.cpp`), with the validator run in-process at
 * its step 3. Call inside a transaction: every change of the workunit, its results and the ledger commits together.
 * 1 deadlines → OVER/NO_REPLY; 2 validate new successes; 3 error bits; 4 create missing replicas (`<wu>_<n>`) within
 * `max_total_results`; 5 once done (canonical or error) unsent replicas → DIDNT_NEED, assimilation READY;
 * 6 `transition_time` = the earliest open deadline (late reports are still accepted: they reschedule the workunit).
 */
export async function transitionWorkunit(db: Db, workunitId: number, nowS: number, findExperiment: FindExperiment): Promise<TransitionReport> {
  const loaded = await loadWorkunit(db, workunitId);
  if (loaded === undefined) throw new Error(`transitioner: workunit ${workunitId} does not exist`);
  const { wu } = loaded;
  const results = loaded.results.map((r) => ({ ...r }));
  const changed = new Set<number>();
  const set = (r: ResultRow, patch: Partial<ResultRow>) => { Object.assign(r, patch); changed.add(r.id); };

  let timedOut = 0;
  for (const r of results) {
    if (r.serverState === ServerState.IN_PROGRESS && r.reportDeadline !== null && r.reportDeadline < nowS) {
      set(r, { serverState: ServerState.OVER, outcome: Outcome.NO_REPLY });
      timedOut++;
    }
  }

  let { canonicalResultid, targetNresults, errorMask, assimilateState } = wu;
  let granted = 0;
  let validated = 0;
  const experiment = findExperiment(wu.experiment);
  if (experiment !== undefined && errorMask === 0) {
    const decision = validateWorkunit({ ...wu, canonicalResultid, targetNresults }, results, experiment);
    for (const [id, patch] of decision.results) {
      const r = results.find((x) => x.id === id);
      if (r !== undefined) set(r, patch);
    }
    validated = decision.results.size;
    canonicalResultid = decision.canonicalResultid;
    targetNresults = decision.targetNresults;
    errorMask |= decision.errorBits;
    const credit = creditForFlops(wu.rscFpopsEst);
    const grants = decision.newlyValid.flatMap((id) => {
      const r = results.find((x) => x.id === id);
      return r?.hostId != null && r.userId != null ? [{ resultId: id, userId: r.userId, hostId: r.hostId, credit, grantedAt: nowS }] : [];
    });
    await appendGrants(db, grants);
    granted = grants.length;
  }

  const count = (p: (r: ResultRow) => boolean) => results.filter(p).length;
  const errors = count((r) => r.serverState === ServerState.OVER && (r.outcome === Outcome.CLIENT_ERROR || r.outcome === Outcome.VALIDATE_ERROR));
  if (errors > wu.maxErrorResults) errorMask |= WuErrorMask.TOO_MANY_ERROR_RESULTS;

  const newResults: { name: string }[] = [];
  if (canonicalResultid === null && errorMask === 0) {
    const unsent = count((r) => r.serverState === ServerState.UNSENT);
    const inProgress = count((r) => r.serverState === ServerState.IN_PROGRESS);
    const successes = count((r) => isSuccess(r) && r.validateState !== ValidateState.INVALID);
    const needed = Math.max(0, targetNresults - unsent - inProgress - successes);
    const allowed = wu.maxTotalResults - results.length;
    if (needed > allowed) errorMask |= WuErrorMask.TOO_MANY_TOTAL_RESULTS;
    else for (let n = 0; n < needed; n++) newResults.push({ name: `${wu.name}_${results.length + n}` });
  }

  const isDone = canonicalResultid !== null || errorMask !== 0;
  if (isDone) {
    for (const r of results) {
      if (r.serverState === ServerState.UNSENT) set(r, { serverState: ServerState.OVER, outcome: Outcome.DIDNT_NEED });
      const isUnchecked = r.validateState === ValidateState.INIT || r.validateState === ValidateState.INCONCLUSIVE;
      if (canonicalResultid === null && isSuccess(r) && isUnchecked) set(r, { validateState: ValidateState.NO_CHECK });
    }
    if (assimilateState === AssimilateState.INIT) assimilateState = AssimilateState.READY;
  }

  const deadlines = results.filter((r) => r.serverState === ServerState.IN_PROGRESS && r.reportDeadline !== null)
    .map((r) => r.reportDeadline ?? 0);
  // A deadline passes at deadline + 1 s (the check above is strict), so wake up then.
  const transitionTime = deadlines.length > 0 ? Math.min(...deadlines) + 1 : null;

  for (const r of results) {
    if (changed.has(r.id)) {
      await setResultStates(db, r.id, { serverState: r.serverState, outcome: r.outcome, validateState: r.validateState });
    }
  }
  await insertResults(db, newResults.map((n) => ({
    workunitId: wu.id, name: n.name, serverState: ServerState.UNSENT, outcome: Outcome.INIT, validateState: ValidateState.INIT,
    createdAt: nowS,
  })));
  await setWorkunitState(db, wu.id, { canonicalResultid, targetNresults, errorMask, assimilateState, transitionTime });
  return { timedOut, created: newResults.length, validated, granted };
}
