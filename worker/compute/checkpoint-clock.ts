/**
 * The checkpoint cadence of one task: due once `intervalMs` has passed since the start or the last checkpoint. The
 * kernel asks at its safe points (`ctx.shouldCheckpoint()`), so the real spacing is at least the interval.
 */
export function createCheckpointClock(intervalMs: number, nowMs: () => number) {
  let lastMs = nowMs();
  return {
    isDue(): boolean {
      return nowMs() - lastMs >= intervalMs;
    },
    markSaved(): void {
      lastMs = nowMs();
    },
  };
}
