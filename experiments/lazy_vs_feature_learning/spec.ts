import { z } from 'zod';
import type { SweepCell } from '../experiment.ts';
import { parameterCount } from '../engine/init.ts';
import { ckaFlops } from '../engine/metrics/linear-cka.ts';
import { T1_DEFAULTS } from '../engine/t1-dataset.ts';

// Spec E1 (reference/experiments.md): 20 -> w -> w -> 5 ReLU MLPs on the default T1, SP init, softmax CE, plain SGD.

export const EXPERIMENT_NAME = 'lazy_vs_feature_learning';
export const DEFAULT_WIDTHS = [8, 16, 32, 64, 128, 256, 512] as const;
/** Checkpoint epochs of spec E1 at the default 150 epochs. */
export const SPEC_CHECKPOINT_EPOCHS = [0, 1, 2, 5, 10, 20, 30, 50, 75, 100, 125, 150] as const;
/** Upper bounds that keep one workunit inside a browser tab's memory and a day's compute; not science limits. */
const MAX_WIDTH = 8192;
const MAX_EPOCHS = 10_000;

const isAscending = (ws: readonly number[]): boolean => ws.every((w, i) => i === 0 || w > (ws[i - 1] ?? 0));

/** The `params` of an E1 workunit with the spec's defaults; unknown keys are rejected. */
export const LvfParams = z.strictObject({
  widths: z.array(z.number().int().positive().max(MAX_WIDTH)).min(1)
    .refine(isAscending, 'widths must be strictly ascending, e.g. [8, 16, 32]')
    .default([...DEFAULT_WIDTHS]),
  lr: z.number().positive().max(100).default(0.05),
  batch_size: z.number().int().positive().max(T1_DEFAULTS.nTrain).default(64),
  epochs: z.number().int().positive().max(MAX_EPOCHS).default(150),
  param: z.enum(['sp', 'ntk']).default('sp').refine((p) => p === 'sp',
    'param "ntk" is not available: spec axk-1.0 §5 leaves its bias initialisation, scaling and init tag open; use "sp"'),
});
export type LvfParams = z.infer<typeof LvfParams>;

/** Layer sizes of the E1 net at width w. */
export function lvfSizes(width: number): number[] {
  return [T1_DEFAULTS.d, width, width, T1_DEFAULTS.k];
}

/**
 * Checkpoint epochs: the spec's list at 150 epochs; for other lengths those ≤ epochs plus the final epoch (so a short
 * run still reports its end), ascending and unique.
 */
export function checkpointEpochs(epochs: number): number[] {
  const kept = SPEC_CHECKPOINT_EPOCHS.filter((e) => e <= epochs);
  return kept.at(-1) === epochs ? [...kept] : [...kept, epochs];
}

export function stepsPerEpoch(params: LvfParams): number {
  return Math.ceil(T1_DEFAULTS.nTrain / params.batch_size);
}

/** SGD steps of one workunit (all widths), the unit of `ctx.progress`. */
export function lvfTotalSteps(params: LvfParams): number {
  return params.widths.length * params.epochs * stepsPerEpoch(params);
}

/** Canary net of spec §1.7 (20-16-16-5, 10 steps of batch 64, full-set loss after each). */
export const CANARY_SIZES = [20, 16, 16, 5] as const;

/** FLOPs of the canary (spec §1.8): 10 training steps of 64 samples plus a full-training-set forward after each. */
export function canaryFlops(): number {
  const p = parameterCount(CANARY_SIZES);
  return 10 * (6 * p * 64 + 2 * p * T1_DEFAULTS.nTrain);
}

/**
 * FLOPs of one checkpoint's metrics at width w (spec §1.8): a full-training-set gradient (6P per sample), forwards
 * on the training and test sets (2P per sample), and the two hidden layers' CKA on the test set.
 */
export function checkpointMetricFlops(width: number): number {
  const p = parameterCount(lvfSizes(width));
  const { nTrain, nTest } = T1_DEFAULTS;
  return 6 * p * nTrain + 2 * p * nTrain + 2 * p * nTest + 2 * ckaFlops(nTest, width, width);
}

/** Training FLOPs of `epochs` epochs at width w: 6 P per sample per step. */
export function trainingFlops(width: number, epochs: number): number {
  return 6 * parameterCount(lvfSizes(width)) * T1_DEFAULTS.nTrain * epochs;
}

/** The FLOP estimate of a whole workunit (credit): training + checkpoint metrics + canary. ~7.8e11 at defaults. */
export function lvfFlops(params: LvfParams): { model: number; metrics: number } {
  const checkpoints = checkpointEpochs(params.epochs).length;
  let model = 0;
  let metrics = canaryFlops();
  for (const w of params.widths) {
    model += trainingFlops(w, params.epochs);
    metrics += checkpoints * checkpointMetricFlops(w);
  }
  return { model, metrics };
}

/** Default sweep: spec defaults × replicate seeds 0..seeds-1 (spec E1: seed is the sweep axis, ≥ 20 seeds). */
export function lvfDefaultSweep(seeds: number): SweepCell[] {
  return Array.from({ length: seeds }, (_, seed) => ({ name: `lvf-lr0.05-s${seed}`, seed, params: {} }));
}
