import type { Experiment } from '../experiment.ts';
import { describeIssues, parseOrThrow } from '../../shared/errors.ts';
import { checkSd } from './check.ts';
import { compareSd } from './compare.ts';
import { runSpectralDynamics } from './kernel.ts';
import { EXPERIMENT_NAME, SdParams, sdDefaultSweep, sdFlops, sdTotalSteps } from './spec.ts';
import { summarizeSd } from './summarize.ts';

/** E2 `spectral_dynamics` (spec E2) as the rest of the project sees it. */
export const spectralDynamics: Experiment = {
  name: EXPERIMENT_NAME,
  appVersion: 1,
  description: 'Trains six small networks at four learning rates and follows the singular values of their weight '
    + 'matrices, to test whether larger learning rates give lower-rank weights and updates.',
  resolveParams(overrides) {
    const r = SdParams.safeParse(overrides);
    return r.success ? { type: 'ok', params: r.data } : { type: 'invalid', issues: describeIssues(r.error) };
  },
  defaultSweep: ({ seeds }) => sdDefaultSweep(seeds),
  estimateFlops(overrides) {
    const f = sdFlops(parseOrThrow(SdParams, overrides, `${EXPERIMENT_NAME} params`));
    return f.model + f.metrics;
  },
  totalSteps: (overrides) => sdTotalSteps(parseOrThrow(SdParams, overrides, `${EXPERIMENT_NAME} params`)),
  run: runSpectralDynamics,
  check: checkSd,
  compare: compareSd,
  summarize: summarizeSd,
};
