import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from './backoff.ts';

test('doubles from the base and stops at the cap', () => {
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0))).toEqual([2_000, 4_000, 8_000, 16_000]);
  expect(retryDelayMs(50, 0)).toBe(RETRY_MAX_MS);
});

test.prop([fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])(
  'every delay lies between half the base and the cap, and never shrinks as failures add up',
  (attempts, jitter) => {
    const delay = retryDelayMs(attempts, jitter);
    expect(delay).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2);
    expect(delay).toBeLessThanOrEqual(RETRY_MAX_MS);
    expect(retryDelayMs(attempts + 1, 0)).toBeGreaterThanOrEqual(retryDelayMs(attempts, 0));
  },
);
