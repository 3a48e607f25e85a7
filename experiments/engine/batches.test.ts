import { expect, test } from 'vitest';
import { epochBatches } from './batches.ts';
import { permutation } from './rng.ts';

test('an epoch of 2000 samples at batch 64 is 31 batches of 64 and one of 16, in the shuffle/e<e> order', () => {
  const n = 2000;
  const set = { x: Float32Array.from({ length: n * 2 }, (_, i) => i), labels: Uint8Array.from({ length: n }, (_, i) => i % 5), n };
  const batches = epochBatches(set, 9, 3, 64);
  expect(batches.map((b) => b.n)).toEqual([...new Array<number>(31).fill(64), 16]);
  const perm = permutation(9, 'shuffle/e3', n);
  const second = batches[1]!;
  expect(second.x[0]).toBe(perm[64]! * 2);
  expect(second.x[1]).toBe(perm[64]! * 2 + 1);
  expect(second.labels[0]).toBe(perm[64]! % 5);
});
