import { batchesFromOrder } from './batches.ts';
import { initSp } from './init.ts';
import { accuracyAndLoss } from './metrics/accuracy-loss.ts';
import type { MlpEngine } from './mlp-engine.ts';
import { permutation } from './rng.ts';
import { makeT1, type T1Dataset } from './t1-dataset.ts';

/** Canary constants of spec §1.7. */
export const CANARY = {
  dataSeed: 20260302,
  seed: 0,
  tag: 'canary',
  sizes: [20, 16, 16, 5],
  lr: 0.05,
  batchSize: 64,
  steps: 10,
} as const;

/**
 * Stored canary losses the server compares every result with (spec §1.7, rtol 1e-4). Made once with `runCanary` on
 * the reference engine (`ts-ref 1.0.0`, Node 20, 2026-11-28). Recompute them only under a new spec id: they pin the
 * RNG streams, T1, the init, the batch order and the loss.
 */
export const CANARY_EXPECTED_LOSSES: readonly number[] = [
  1.8743505031573162, 1.8372868380965606, 1.7999660847202252, 1.7730610151196027, 1.753400443531434,
  1.7242353446683156, 1.7054766845125673, 1.6881200521751134, 1.6689518039940319, 1.6480021339375162,
];

/** Relative tolerance of the canary comparison (spec §1.7). */
export const CANARY_RTOL = 1e-4;

/** Indices where `losses` differ from the stored canary beyond rtol 1e-4 (empty = the canary passes). */
export function canaryMismatches(losses: readonly number[]): number[] {
  if (losses.length !== CANARY_EXPECTED_LOSSES.length) return [-1];
  const bad: number[] = [];
  CANARY_EXPECTED_LOSSES.forEach((want, i) => {
    const got = losses[i] ?? Number.NaN;
    if (!(Math.abs(got - want) <= CANARY_RTOL * Math.abs(want))) bad.push(i);
  });
  return bad;
}

/**
 * The canary of spec §1.7: 10 SGD steps of a 20-16-16-5 ReLU net (seed 0, init tag `canary`, lr 0.05) on the first
 * 10 batches of epoch 1 of the default T1 (data_seed 20260302), returning the full-training-set loss after each step.
 * Pass `t1` when the caller already has the default T1, to skip rebuilding it.
 */
export async function runCanary(engine: MlpEngine, t1: T1Dataset = makeT1(CANARY.dataSeed)): Promise<number[]> {
  const order = permutation(CANARY.seed, 'shuffle/e1', t1.train.n).subarray(0, CANARY.steps * CANARY.batchSize);
  const batches = batchesFromOrder(t1.train, order, CANARY.batchSize);
  const model = await engine.createModel({ sizes: CANARY.sizes, activation: 'relu' }, initSp(CANARY.seed, CANARY.tag, CANARY.sizes));
  try {
    const losses: number[] = [];
    for (const batch of batches) {
      await model.train([batch], CANARY.lr);
      const out = await model.forward(t1.train.x, t1.train.n);
      losses.push(accuracyAndLoss(out.logits, t1.train.labels, t1.k).loss);
    }
    return losses;
  } finally {
    await model.dispose();
  }
}
