import type { Experiment } from '../experiment.ts';
import { checkLvf } from './check.ts';
import { compareLvf } from './compare.ts';
import { runLazyVsFeatureLearning } from './kernel.ts';
import { describeIssues, parseOrThrow } from '../../shared/errors.ts';
import { EXPERIMENT_NAME, LvfParams, lvfDefaultSweep, lvfFlops, lvfTotalSteps } from './spec.ts';
import { summarizeLvf } from './summarize.ts';

/** E1 `lazy_vs_feature_learning` (spec E1) as the rest of the project sees it. */
export const lazyVsFeatureLearning: Experiment = {
  name: EXPERIMENT_NAME,
  appVersion: 1,
  description: 'Trains the same small network at seven widths to test whether wider networks stop learning new '
    + 'features and move their weights as width^-1/2, as the theory of lazy (kernel) training predicts.',
  resolveParams(overrides) {
    const r = LvfParams.safeParse(overrides);
    return r.success ? { type: 'ok', params: r.data } : { type: 'invalid', issues: describeIssues(r.error) };
  },
  defaultSweep: ({ seeds }) => lvfDefaultSweep(seeds),
  estimateFlops(overrides) {
    const f = lvfFlops(parseOrThrow(LvfParams, overrides, `${EXPERIMENT_NAME} params`));
    return f.model + f.metrics;
  },
  totalSteps: (overrides) => lvfTotalSteps(parseOrThrow(LvfParams, overrides, `${EXPERIMENT_NAME} params`)),
  run: runLazyVsFeatureLearning,
  check: checkLvf,
  compare: compareLvf,
  summarize: summarizeLvf,
};
