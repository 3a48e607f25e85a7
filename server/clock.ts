/** Wall-clock time in milliseconds since the epoch. Services take one so tests move time without sleeping. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Unix seconds of a clock reading (the unit of every time column). */
export function unixSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}
