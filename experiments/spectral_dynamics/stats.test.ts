import { expect, test } from 'vitest';
import { participationRatio, ranks, spearman } from './stats.ts';

test('ranks average ties (spec §1.6: six configs sharing the lowest lr all get rank 3.5)', () => {
  expect(ranks([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.2])).toEqual([3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 7]);
  expect(ranks([3, 1, 2])).toEqual([3, 1, 2]);
});

test('spearman: monotone pairs give ±1, a constant variable or < 2 pairs give null', () => {
  expect(spearman([1, 2, 3, 4], [10, 20, 25, 100])).toBeCloseTo(1, 14);
  expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14);
  expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  expect(spearman([1], [2])).toBeNull();
  // Ties: ranks x (1.5, 1.5, 3), y (1, 2, 3) → Pearson of those = sqrt(3)/2.
  expect(spearman([5, 5, 7], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 14);
});

test('participation ratio: p independent equal-variance columns give ~p, a rank-1 representation gives 1', () => {
  const n = 4;
  // Columns ±1 patterns, orthogonal and centred: covariance ∝ I_2.
  expect(participationRatio(Float32Array.from([1, 1, 1, -1, -1, 1, -1, -1]), n, 2)).toBeCloseTo(2, 12);
  // Second column = 3 × first: one nonzero eigenvalue.
  expect(participationRatio(Float32Array.from([1, 3, 2, 6, 0, 0, -1, -3]), n, 2)).toBeCloseTo(1, 12);
  expect(participationRatio(new Float32Array(8), n, 2)).toBe(0);
});
