import { expect, test } from 'vitest';
import { spectralDynamics } from '../experiments/spectral_dynamics/experiment.ts';
import { runQuickOrFull } from './science-run.ts';

// The reduced E2 sweep (all six architectures × four lrs, 20 of 60 epochs, 2 seeds) on onnxruntime-web wasm in two
// processes, ~35 s. Directions and bounds from the spec's numbers: thresholds are in spectral-quick-checks.ts.
test('quick E2 sweep on ORT wasm: init spectra at the MP edge, erank falls at lr 0.1/0.2, s_1 growth > 1 and rising with lr', async () => {
  const run = await runQuickOrFull(spectralDynamics, { quick: true, engine: 'ort', processes: 2 });
  expect(run.results).toHaveLength(2);
  expect(run.facts.sanityFailures).toEqual([]);
  for (const c of run.quick ?? []) {
    if (c.pass !== null) expect({ id: c.id, measured: c.measured, pass: c.pass }).toEqual({ id: c.id, measured: c.measured, pass: true });
  }
  expect(run.quick?.length).toBe(10);
  const s = run.summary.series;
  expect(s.lrs).toEqual([0.01, 0.03, 0.1, 0.2]);
  // Below the spec's 60-epoch [pt] values (growth ~1.16 at lr 0.2, update erank ~39) and above 1 / clearly rising.
  expect(s.mean_top_sv_growth![3]!).toBeGreaterThan(1.05);
  expect(s.mean_top_sv_growth![3]!).toBeLessThan(1.2);
  expect(s.mean_update_erank![3]! - s.mean_update_erank![0]!).toBeGreaterThan(5);
  // Spec checks on 60-epoch thresholds are reported, not judged, on this 20-epoch sweep; init checks are judged.
  expect(run.summary.checks.filter((c) => ['E2.1', 'E2.2', 'E2.3'].includes(c.id)).map((c) => c.pass)).toEqual([true, true, true]);
}, 180_000);
