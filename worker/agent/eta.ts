/**
 * Seconds left for a task, from the speed since this run started (`fromStep` at `fromMs`). Null until at least one
 * step has been done in this run, since a resumed task's earlier speed is unknown.
 */
export function etaSeconds(progress: { fromStep: number; fromMs: number; step: number; totalSteps: number; nowMs: number }): number | null {
  const doneSteps = progress.step - progress.fromStep;
  const elapsedMs = progress.nowMs - progress.fromMs;
  if (doneSteps <= 0 || elapsedMs <= 0) return null;
  return Math.max(0, Math.round(((progress.totalSteps - progress.step) * elapsedMs) / doneSteps / 1000));
}
