import type { MlpEngine, MlpModel } from '../../experiments/engine/mlp-engine.ts';

/** Waits `ms`, or less if the signal aborts (the kernel then stops at its next step boundary). */
export type Idle = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * BOINC's `cpu_usage_limit` for one compute Worker: after each engine call that took `t` ms, idle
 * `t · (100 − pct) / pct` ms, so the Worker computes `pct` % of the time. The kernel and its results are untouched:
 * the limit only spaces engine calls out. `getPct` is read at every call, so a change applies to the running task.
 */
export function limitCpu(engine: MlpEngine, getPct: () => number, deps: { nowMs: () => number; idle: Idle; signal: AbortSignal }): MlpEngine {
  const paced = async <T>(call: () => Promise<T>): Promise<T> => {
    const startMs = deps.nowMs();
    const value = await call();
    const pct = getPct();
    if (pct < 100) await deps.idle(((deps.nowMs() - startMs) * (100 - pct)) / pct, deps.signal);
    return value;
  };
  const wrapModel = (model: MlpModel): MlpModel => ({
    train: (batches, lr, options) => paced(() => model.train(batches, lr, options)),
    forward: (x, n) => paced(() => model.forward(x, n)),
    gradient: (batch) => paced(() => model.gradient(batch)),
    params: () => model.params(),
    dispose: () => model.dispose(),
  });
  return {
    name: engine.name,
    version: engine.version,
    createModel: async (shape, init) => wrapModel(await engine.createModel(shape, init)),
  };
}

/** `Idle` on the platform timer; resolves early when the signal aborts. */
export function idleWithTimer(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); };
    // A duty-cycle pause, not a deadline: AbortSignal.timeout cannot be cut short by the stop signal.
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
