import { expect, test } from 'vitest';
import { createCheckpointClock } from './checkpoint-clock.ts';

test('a checkpoint is due only once the interval has passed since the start or the last save', () => {
  let now = 1_000;
  const clock = createCheckpointClock(10_000, () => now);
  expect(clock.isDue()).toBe(false);
  now = 10_999;
  expect(clock.isDue()).toBe(false);
  now = 11_000;
  expect(clock.isDue()).toBe(true);
  clock.markSaved();
  expect(clock.isDue()).toBe(false);
  now = 21_000;
  expect(clock.isDue()).toBe(true);
});
