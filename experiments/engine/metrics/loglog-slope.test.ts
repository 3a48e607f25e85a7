import { expect, test } from 'vitest';
import { loglogSlope, pairwiseLoglogSlopes } from './loglog-slope.ts';

test('recovers the exponent of a power law', () => {
  const xs = [8, 16, 32, 64, 128, 256, 512];
  expect(loglogSlope(xs, xs.map((w) => 3 * w ** -0.5))).toBeCloseTo(-0.5, 12);
  expect(pairwiseLoglogSlopes([8, 16, 64], [1, 0.5, 0.25])).toEqual([-1, -0.5]);
  expect(loglogSlope([8], [1])).toBeNull();
});
