import { expect, test } from 'vitest';
import { gradNorm } from './grad-norm.ts';

test('includes weights and biases', () => {
  expect(gradNorm({ weights: [new Float32Array([3])], biases: [new Float32Array([4])] })).toBe(5);
});
