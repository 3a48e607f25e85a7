import { expect, test } from 'vitest';
import { openStream } from '../rng.ts';
import { weightEntropy } from './weight-entropy.ts';

test('uniform magnitudes give log N; Gaussian weights give log N - 0.284 (spec §1.6)', () => {
  const flat = weightEntropy([new Float32Array([1, -1, 1, -1])]);
  expect(flat.h).toBeCloseTo(Math.log(4), 14);
  expect(flat.hNorm).toBeCloseTo(1, 14);
  const s = openStream(0, 'test/entropy');
  const n = 200_000;
  const g = weightEntropy([Float32Array.from({ length: n }, () => s.normal() * 0.3)]);
  expect(Math.abs(g.h - (Math.log(n) - 0.284))).toBeLessThan(0.01);
  expect(g.count).toBe(n);
});

test('H = -Σ p log p written out on a small case', () => {
  const w = [1, 2, 3];
  const p = w.map((v) => v / 6);
  expect(weightEntropy([new Float32Array(w)]).h).toBeCloseTo(-p.reduce((a, q) => a + q * Math.log(q), 0), 14);
});
