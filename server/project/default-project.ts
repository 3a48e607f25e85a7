import type { Experiment } from '../../experiments/experiment.ts';
import type { FindExperiment } from '../daemons/transition-workunit.ts';
import type { Db } from '../db/connection.ts';
import { hasAnySweep } from '../db/workunits-repo.ts';
import type { Env } from '../env.ts';
import { deploySweep, type SweepPlan } from './deploy-sweep.ts';

/** The experiment of the embedded default project. */
export const DEFAULT_EXPERIMENT = 'lazy_vs_feature_learning';

/** Seeds of the `full` default sweep (spec E1: ≥ 20 seeds). */
const FULL_SEEDS = 20;

/**
 * The sweep an empty server deploys on first start: `full` is the experiment's default sweep × 20 seeds; `small`
 * (dev and e2e) is widths [8, 16] × 3 epochs × 8 seeds, seconds per workunit.
 */
export function defaultSweepPlan(experiment: Experiment, env: Pick<Env, 'DEFAULT_SWEEP' | 'DEFAULT_MIN_QUORUM' | 'DELAY_BOUND_S'>): SweepPlan {
  const isSmall = env.DEFAULT_SWEEP === 'small';
  return {
    name: `default-${experiment.name}-v${experiment.appVersion}${isSmall ? '-small' : ''}`,
    experiment,
    seeds: isSmall ? 8 : FULL_SEEDS,
    paramOverrides: isSmall ? { widths: [8, 16], epochs: 3 } : {},
    minQuorum: env.DEFAULT_MIN_QUORUM,
    delayBoundS: env.DELAY_BOUND_S,
  };
}

/**
 * Deploys the default project on first start only: when the database holds no sweep at all. Later starts (whatever
 * DEFAULT_SWEEP says) leave the data alone. Returns the sweep plan deployed, or null.
 */
export async function deployDefaultProject(
  db: Db,
  env: Pick<Env, 'DEFAULT_SWEEP' | 'DEFAULT_MIN_QUORUM' | 'DELAY_BOUND_S'>,
  findExperiment: FindExperiment,
  nowS: number,
): Promise<{ name: string; workunits: number } | null> {
  if (await hasAnySweep(db)) return null;
  const experiment = findExperiment(DEFAULT_EXPERIMENT);
  if (experiment === undefined) throw new Error(`default project: experiment ${DEFAULT_EXPERIMENT} is not in this build's registry`);
  const plan = defaultSweepPlan(experiment, env);
  const deployed = await deploySweep(db, plan, nowS);
  return deployed.isNew ? { name: plan.name, workunits: deployed.workunits } : null;
}
