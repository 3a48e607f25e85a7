import type { AcceptanceCheck, Experiment, ScienceSummary } from '../experiments/experiment.ts';
import { SPEC_ID, type ResultEnvelope, type WorkunitInput } from '../shared/envelope.ts';
import { quickPlan } from './quick-plans.ts';
import { loadCachedResult, storeCachedResult } from './result-cache.ts';
import type { RunFacts } from './report.ts';
import type { SweepEngine } from './sweep-messages.ts';
import { runSweep } from './sweep-pool.ts';

/** data_seed of every science sweep: the spec's [pt] figures were measured with it. */
export const SCIENCE_DATA_SEED = 20260302;
/** Spec E1: seed is the sweep axis, >= 20 seeds. */
export const DEFAULT_SEEDS = 20;

export interface ScienceRun {
  readonly facts: RunFacts;
  readonly summary: ScienceSummary;
  readonly results: readonly ResultEnvelope[];
  /** The quick sweep's direction checks; null for a full sweep. */
  readonly quick: AcceptanceCheck[] | null;
}

/**
 * Runs the acceptance sweep of one experiment: the default sweep (spec defaults × seeds), or for `quick` the reduced
 * sweep of quick-plans.ts. Every result also goes through the experiment's per-result `check`.
 */
export async function runQuickOrFull(experiment: Experiment, options: {
  quick: boolean; engine: SweepEngine; processes: number; seeds?: number;
  /** Reuse and store finished workunits (result-cache.ts); wall time then covers only this session's work. */
  useCache?: boolean;
  onResult?: (done: number, total: number, wallS: number) => void;
}): Promise<ScienceRun> {
  const plan = options.quick ? quickPlan(experiment.name) : null;
  const seeds = options.seeds ?? plan?.seeds ?? DEFAULT_SEEDS;
  const overrides: Record<string, unknown> = plan?.overrides ?? {};
  const resolved = experiment.resolveParams(overrides);
  if (resolved.type === 'invalid') throw new Error(`sweep params invalid: ${resolved.issues.join('; ')}`);
  const inputs: WorkunitInput[] = experiment.defaultSweep({ seeds }).map((cell) => ({
    experiment: experiment.name, spec: SPEC_ID, wu_id: `science-${options.quick ? 'quick' : 'full'}-${cell.name}`,
    seed: cell.seed, data_seed: SCIENCE_DATA_SEED, params: { ...cell.params, ...overrides }, replica_of: null,
  }));
  const start = performance.now();
  const known = options.useCache === true ? inputs.map((i) => loadCachedResult(i, options.engine)) : undefined;
  const results = await runSweep(inputs, {
    engine: options.engine, processes: options.processes, ...(known === undefined ? {} : { known }),
    onResult: (done, total, r) => {
      if (options.useCache === true) storeCachedResult(inputs.find((i) => i.wu_id === r.wu_id)!, options.engine, r);
      options.onResult?.(done, total, (performance.now() - start) / 1000);
    },
  });
  const wallS = (performance.now() - start) / 1000;
  const sanityFailures = results.flatMap((r, i) => {
    const v = experiment.check(inputs[i]!, r);
    return v.type === 'ok' ? [] : [`seed ${r.seed}: ${v.reasons.join('; ')}`];
  });
  const first = results[0];
  return {
    facts: {
      experiment: experiment.name, mode: options.quick ? 'quick' : 'full', dateIso: new Date().toISOString(),
      engine: first === undefined ? options.engine : `${first.impl.engine} (${first.impl.version})`,
      seeds: inputs.map((i) => i.seed), dataSeed: SCIENCE_DATA_SEED, params: resolved.params,
      processes: options.processes, wallS, sanityFailures, reused: known?.filter((r) => r !== undefined).length ?? 0,
    },
    summary: experiment.summarize(results),
    results,
    quick: plan === null ? null : plan.checks(results),
  };
}
