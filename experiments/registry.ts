import type { Experiment } from './experiment.ts';
import { lazyVsFeatureLearning } from './lazy_vs_feature_learning/experiment.ts';
import { spectralDynamics } from './spectral_dynamics/experiment.ts';

/** The only list of experiments. Server, worker and CLIs find experiments only through it. */
const EXPERIMENTS: readonly Experiment[] = [lazyVsFeatureLearning, spectralDynamics];

export function listExperiments(): readonly Experiment[] {
  return EXPERIMENTS;
}

/** The experiment of that name, or undefined when this build does not have it. */
export function findExperiment(name: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}
