import type { AcceptanceCheck } from '../experiments/experiment.ts';
import type { ResultEnvelope } from '../shared/envelope.ts';
import { QUICK_SWEEP, quickChecks } from './quick-checks.ts';
import { SPECTRAL_QUICK_SWEEP, spectralQuickChecks } from './spectral-quick-checks.ts';

/** A reduced sweep of one experiment: its params overrides, seed count and direction checks. */
export interface QuickPlan {
  readonly overrides: Record<string, unknown>;
  readonly seeds: number;
  readonly checks: (results: readonly ResultEnvelope[]) => AcceptanceCheck[];
}

const PLANS: Record<string, QuickPlan> = {
  lazy_vs_feature_learning: { overrides: { widths: [...QUICK_SWEEP.widths], epochs: QUICK_SWEEP.epochs }, seeds: QUICK_SWEEP.seeds, checks: quickChecks },
  spectral_dynamics: { overrides: { epochs: SPECTRAL_QUICK_SWEEP.epochs }, seeds: SPECTRAL_QUICK_SWEEP.seeds, checks: spectralQuickChecks },
};

/** The quick plan of an experiment; throws for one that has none (a full-size run is not "quick"). */
export function quickPlan(experiment: string): QuickPlan {
  const plan = PLANS[experiment];
  if (plan === undefined) throw new Error(`no quick sweep defined for ${experiment} (science/quick-plans.ts)`);
  return plan;
}
