import type { Experiment } from '../../experiments/experiment.ts';
import { SPEC_ID, type WorkunitInput } from '../../shared/envelope.ts';
import type { Db } from '../db/connection.ts';
import { findAppVersionId, findSweepId, insertAppVersion, insertSweep, insertWorkunits } from '../db/workunits-repo.ts';

/** Spec §1.1: `data_seed` stays fixed inside a study so results of different seeds are comparable (Axiom's value). */
export const DEFAULT_DATA_SEED = 20_260_302;

/** A sweep to deploy: one experiment, its cells, and the replication policy of every workunit. */
export interface SweepPlan {
  readonly name: string;
  readonly experiment: Experiment;
  readonly seeds: number;
  /** Overrides merged into every cell's params (e.g. the small dev sweep's widths and epochs). */
  readonly paramOverrides: Record<string, unknown>;
  readonly minQuorum: number;
  readonly delayBoundS: number;
}

/**
 * BOINC's limits for a policy (boinc.md §10: `create_work` refuses limits below the quorum): target = quorum; a few
 * spare error and total slots for reissues after timeouts, errors and inconclusive sets.
 */
export function replicationPolicy(minQuorum: number) {
  return {
    minQuorum, targetNresults: minQuorum, maxErrorResults: 3, maxTotalResults: 2 * minQuorum + 3,
    maxSuccessResults: minQuorum + 3,
  };
}

/**
 * Deploys a sweep (BOINC's `create_work` for every cell), idempotently: a sweep of that name that already exists is
 * left as it is. Workunits get `rsc_fpops_est` from the experiment's FLOP estimate and `transition_time` = now, so the
 * transitioner creates their UNSENT results. One transaction; returns whether anything was created.
 */
export async function deploySweep(db: Db, plan: SweepPlan, nowS: number): Promise<{ isNew: boolean; workunits: number }> {
  return db.transaction().execute(async (trx) => {
    if ((await findSweepId(trx, plan.name)) !== undefined) return { isNew: false, workunits: 0 };
    const { experiment } = plan;
    const appVersionId = (await findAppVersionId(trx, experiment.name, experiment.appVersion))
      ?? (await insertAppVersion(trx, experiment.name, experiment.appVersion, nowS));
    const sweepId = await insertSweep(trx, { name: plan.name, experiment: experiment.name, appVersionId, nowS });
    const policy = replicationPolicy(plan.minQuorum);
    const rows = experiment.defaultSweep({ seeds: plan.seeds }).map((cell) => {
      const params = { ...cell.params, ...plan.paramOverrides };
      const resolved = experiment.resolveParams(params);
      if (resolved.type === 'invalid') throw new Error(`sweep ${plan.name}, cell ${cell.name}: ${resolved.issues.join('; ')}`);
      const name = `${plan.name}/${cell.name}`;
      const input: WorkunitInput = {
        experiment: experiment.name, spec: SPEC_ID, wu_id: name, seed: cell.seed, data_seed: DEFAULT_DATA_SEED, params,
        replica_of: null,
      };
      return {
        sweepId, appVersionId, name, experiment: experiment.name, inputJson: JSON.stringify(input),
        rscFpopsEst: experiment.estimateFlops(params), delayBound: plan.delayBoundS, ...policy, canonicalResultid: null,
        errorMask: 0, assimilateState: 0, transitionTime: nowS, createdAt: nowS,
      };
    });
    await insertWorkunits(trx, rows);
    return { isNew: true, workunits: rows.length };
  });
}
