import { expect, test } from 'vitest';
import { accuracyAndLoss } from './accuracy-loss.ts';

test('cross-entropy, accuracy, ties to the lowest index, no overflow at large logits', () => {
  const logits = new Float32Array([0, 0, 1000, 1000, 2, 0]);
  const r = accuracyAndLoss(logits, new Uint8Array([1, 0, 0]), 2);
  // sample 0: logits (0,0) tie -> predicts 0 (wrong); sample 1: (1000,1000) -> 0 (right); sample 2: (2,0) -> 0 (right)
  expect(r.acc).toBeCloseTo(2 / 3, 15);
  const expected = (Math.log(2) + Math.log(2) + Math.log(1 + Math.exp(-2))) / 3;
  expect(r.loss).toBeCloseTo(expected, 12);
});
