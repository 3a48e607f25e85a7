import { beforeAll, expect, test } from 'vitest';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import { offTolerance, runRealKernel } from '../testing/envelopes.ts';
import { outputDigest } from './output-digest.ts';

let envelope: ResultEnvelope;
beforeAll(async () => {
  envelope = await runRealKernel({
    experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'digest/lvf-s1', seed: 1, data_seed: 20_260_302,
    params: { widths: [8], epochs: 1 }, replica_of: null,
  });
});

test('the digest covers the science only: timing and engine do not change it, key order does not either', () => {
  const d = outputDigest(envelope);
  expect(d).toMatch(/^[0-9a-f]{64}$/);
  const reordered = Object.fromEntries(Object.entries(envelope).reverse()) as ResultEnvelope; // same fields, other key order
  expect(outputDigest(reordered)).toBe(d);
  expect(outputDigest({ ...envelope, timing: { wall_s: 99, train_s: 98 }, impl: { ...envelope.impl, engine: 'wasm-simd' } })).toBe(d);
});

test('any change of the science changes the digest', () => {
  const d = outputDigest(envelope);
  expect(outputDigest(offTolerance(envelope))).not.toBe(d);
  expect(outputDigest({ ...envelope, canary: { losses: envelope.canary.losses.map((l, i) => (i === 9 ? l + 1e-12 : l)) } })).not.toBe(d);
});
