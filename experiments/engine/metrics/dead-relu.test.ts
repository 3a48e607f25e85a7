import { expect, test } from 'vitest';
import { deadReluFraction } from './dead-relu.ts';

test('counts a unit dead only if it is 0 on every input, over all hidden units', () => {
  // layer 0: 2 samples x 3 units, unit 1 dead; layer 1: 2 x 1, alive on one sample only
  const l0 = new Float32Array([1, 0, 0, 2, 0, 0.5]);
  const l1 = new Float32Array([0, 3]);
  expect(deadReluFraction([l0, l1], 2)).toBe(1 / 4);
  expect(deadReluFraction([new Float32Array(4)], 2)).toBe(1);
});
