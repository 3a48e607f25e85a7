import { expect, test } from 'vitest';
import { etaSeconds } from './eta.ts';

test('extrapolates the speed of this run to the remaining steps', () => {
  // 100 steps in 10 s since resuming at step 200; 700 left → 70 s.
  expect(etaSeconds({ fromStep: 200, fromMs: 0, step: 300, totalSteps: 1000, nowMs: 10_000 })).toBe(70);
});

test('is unknown before the first step of this run', () => {
  expect(etaSeconds({ fromStep: 200, fromMs: 0, step: 200, totalSteps: 1000, nowMs: 10_000 })).toBeNull();
});
