import { expect, test } from 'vitest';
import { lazyVsFeatureLearning } from '../experiments/lazy_vs_feature_learning/experiment.ts';
import { PT_CKA, PT_MOVEMENT } from './pt-reference.ts';
import { runQuickOrFull } from './science-run.ts';

// The reduced E1 sweep (widths 8/32/128, 30 epochs, 4 seeds) on onnxruntime-web wasm in two processes, ~30 s.
// Directions and bounds against the spec's numbers: thresholds are in quick-checks.ts, fixed before any run.
test('quick E1 sweep on ORT wasm: movement falls and CKA rises with width, slope negative, accuracy far above chance', async () => {
  const run = await runQuickOrFull(lazyVsFeatureLearning, { quick: true, engine: 'ort', processes: 2 });
  expect(run.results).toHaveLength(4);
  expect(run.facts.sanityFailures).toEqual([]);
  for (const c of run.quick ?? []) expect({ id: c.id, measured: c.measured, pass: c.pass }).toEqual({ id: c.id, measured: c.measured, pass: true });
  const s = run.summary.series;
  // Weights move less than the spec's 150-epoch [pt] maxima at widths 8, 32, 128, and more than half of them
  // (30 of 150 epochs is well past the fast early phase); CKA stays above the 150-epoch [pt] minima.
  [0, 2, 4].forEach((pt, i) => {
    expect(s.movement_mean![i]!).toBeLessThan(PT_MOVEMENT[pt]![1]);
    expect(s.movement_mean![i]!).toBeGreaterThan(0.5 * PT_MOVEMENT[pt]![0]);
    expect(s.cka_mean![i]!).toBeGreaterThan(PT_CKA[pt]![0]);
  });
  expect(s.test_acc_min!.every((a) => a > 0.6)).toBe(true);
}, 180_000);
