import { z } from 'zod';
import type { SweepCell } from '../experiment.ts';
import { parameterCount } from '../engine/init.ts';
import { svdFlops } from '../engine/linalg/singular-values.ts';
import { T1_DEFAULTS } from '../engine/t1-dataset.ts';

// Spec E2 (reference/experiments.md "E2. spectral_dynamics (v2)"): six ReLU MLPs (input 20, output 5, SP init) × four
// learning rates per workunit, plain SGD with CE on the default T1; spectra of every weight matrix at checkpoints.

export const EXPERIMENT_NAME = 'spectral_dynamics';
/** Hidden widths of the spec's architectures; the init tag of each is its name (`init/A3/L<l>`). */
export const ARCHITECTURES = {
  A1: [64], A2: [256], A3: [64, 64], A4: [256, 256], A5: [64, 64, 64, 64], A6: [128, 128, 128, 128],
} as const;
export type ArchName = keyof typeof ARCHITECTURES;
export const ARCH_NAMES = Object.keys(ARCHITECTURES) as ArchName[]; // the keys of the literal above, in A1..A6 order
export const DEFAULT_LRS = [0.01, 0.03, 0.1, 0.2] as const;
/** Checkpoint epochs of spec E2 at the default 60 epochs. */
export const SPEC_CHECKPOINT_EPOCHS = [0, 1, 2, 5, 10, 20, 30, 40, 50, 60] as const;
/** How many of the largest singular values each matrix stores per checkpoint (spec E2 "store the top 10"). */
export const TOP_SV_COUNT = 10;
/** Upper bound that keeps one workunit within a day's compute in a tab; not a science limit. */
const MAX_EPOCHS = 10_000;

const ascending = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0));
const inSpecOrder = (as: readonly ArchName[]): boolean => ascending(as.map((a) => ARCH_NAMES.indexOf(a)));

/** The `params` of an E2 workunit with the spec's defaults; unknown keys are rejected. */
export const SdParams = z.strictObject({
  archs: z.array(z.enum(ARCH_NAMES)).min(1).refine(inSpecOrder, 'archs must be unique and in A1..A6 order')
    .default([...ARCH_NAMES]),
  lrs: z.array(z.number().positive().max(100)).min(1).refine(ascending, 'lrs must be strictly ascending')
    .default([...DEFAULT_LRS]),
  /** Spec E2: batch 64; optional sweep axis {16, 64, 256}. */
  batch_size: z.number().int().positive().max(T1_DEFAULTS.nTrain).default(64),
  epochs: z.number().int().positive().max(MAX_EPOCHS).default(60),
});
export type SdParams = z.infer<typeof SdParams>;

/** Layer sizes `[20, h_1, …, 5]` of an architecture. */
export function archSizes(arch: ArchName): number[] {
  return [T1_DEFAULTS.d, ...ARCHITECTURES[arch], T1_DEFAULTS.k];
}

/** One config of a workunit: architecture and learning rate, in the spec's order (A1..A6, lr ascending within each). */
export interface SdConfig {
  readonly arch: ArchName;
  readonly lr: number;
}

export function configList(params: SdParams): SdConfig[] {
  return params.archs.flatMap((arch) => params.lrs.map((lr) => ({ arch, lr })));
}

/** Curve and status key of a config, e.g. `A3-lr0.03` (lr written as JavaScript `String` writes it, spec §1.2). */
export const configKey = (c: SdConfig): string => `${c.arch}-lr${String(c.lr)}`;

/** Checkpoint epochs: the spec's list ≤ epochs plus the final epoch, ascending and unique. */
export function checkpointEpochs(epochs: number): number[] {
  const kept = SPEC_CHECKPOINT_EPOCHS.filter((e) => e <= epochs);
  return kept.at(-1) === epochs ? [...kept] : [...kept, epochs];
}

export function stepsPerEpoch(params: SdParams): number {
  return Math.ceil(T1_DEFAULTS.nTrain / params.batch_size);
}

/** SGD steps of one workunit (all configs), the unit of `ctx.progress`. 46,080 at defaults (spec E2). */
export function sdTotalSteps(params: SdParams): number {
  return configList(params).length * params.epochs * stepsPerEpoch(params);
}

/** Training FLOPs of `epochs` epochs of one architecture: 6 P per sample per step (spec §1.8). */
export function trainingFlops(arch: ArchName, epochs: number): number {
  return 6 * parameterCount(archSizes(arch)) * T1_DEFAULTS.nTrain * epochs;
}

/**
 * FLOPs of one checkpoint's metrics (spec §1.8): forwards on the training and test sets (2P per sample), the SVD of
 * every weight matrix (14 m n²) and, after epoch 0, of its update W(t) − W(0), and the last hidden layer's covariance
 * on the test set (2 n h²) for its participation ratio.
 */
export function checkpointMetricFlops(arch: ArchName, withUpdate: boolean): number {
  const sizes = archSizes(arch);
  const { nTrain, nTest } = T1_DEFAULTS;
  let f = 2 * parameterCount(sizes) * (nTrain + nTest);
  for (let l = 0; l + 1 < sizes.length; l++) f += (withUpdate ? 2 : 1) * svdFlops(sizes[l + 1] ?? 0, sizes[l] ?? 0);
  const h = sizes.at(-2) ?? 0;
  return f + 2 * nTest * h * h;
}

/** FLOPs of the canary of spec §1.7 (10 steps of 64 samples plus a full-training-set forward after each). */
export function canaryFlops(): number {
  const p = parameterCount([20, 16, 16, 5]);
  return 10 * (6 * p * 64 + 2 * p * T1_DEFAULTS.nTrain);
}

/** The FLOP estimate of a whole workunit (credit): training + checkpoint metrics + canary. ~4.6e11 at defaults. */
export function sdFlops(params: SdParams): { model: number; metrics: number } {
  const checkpoints = checkpointEpochs(params.epochs);
  let model = 0;
  let metrics = canaryFlops();
  for (const c of configList(params)) {
    model += trainingFlops(c.arch, params.epochs);
    for (const e of checkpoints) metrics += checkpointMetricFlops(c.arch, e > 0);
  }
  return { model, metrics };
}

/** Default sweep: spec defaults × replicate seeds 0..seeds-1 (spec E2: seed is the sweep axis, ≥ 20 seeds). */
export function sdDefaultSweep(seeds: number): SweepCell[] {
  return Array.from({ length: seeds }, (_, seed) => ({ name: `sd-b64-s${seed}`, seed, params: {} }));
}
