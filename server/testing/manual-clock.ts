import type { Clock } from '../clock.ts';

/** A clock that moves only when told, so tests pass deadlines without sleeping. */
export interface ManualClock extends Clock {
  advanceSeconds(seconds: number): void;
}

export function createManualClock(startMs = Date.UTC(2026, 2, 2, 5, 45)): ManualClock {
  let t = startMs;
  return {
    now: () => t,
    advanceSeconds(seconds) {
      t += seconds * 1000;
    },
  };
}
