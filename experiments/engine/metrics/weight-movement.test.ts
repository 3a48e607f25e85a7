import { expect, test } from 'vitest';
import { weightMovement } from './weight-movement.ts';

test('movement is 0 for unchanged weights and ||ΔW||/||W0|| otherwise, pooled over layers', () => {
  const w0 = [new Float32Array([3, 4]), new Float32Array([0, 0, 1])];
  expect(weightMovement(w0, w0)).toEqual({ total: 0, layers: [0, 0] });
  const w1 = [new Float32Array([3, 4 + 5]), new Float32Array([0, 0, 1])];
  const m = weightMovement(w0, w1);
  expect(m.layers).toEqual([1, 0]);
  expect(m.total).toBeCloseTo(5 / Math.sqrt(26), 15);
});
