// Test support for kernel tests in Node (the experiments lib has neither AbortController nor structuredClone).
import type { CancelSignal } from '../../shared/cancel.ts';
import type { KernelContext } from '../engine/kernel-context.ts';
import type { MlpEngine } from '../engine/mlp-engine.ts';

/** A soft-stop signal the test can trigger, as `AbortController` would. */
export function createStopSignal(): { signal: CancelSignal; stop(reason: unknown): void } {
  const state = { aborted: false, reason: undefined as unknown };
  return {
    signal: {
      get aborted() { return state.aborted; },
      get reason() { return state.reason; },
      throwIfAborted() {
        if (state.aborted) throw state.reason;
      },
    },
    stop(reason) {
      state.aborted = true;
      state.reason = reason;
    },
  };
}

/** Deep copy of plain data and typed arrays, as IndexedDB's structured clone stores a checkpoint. */
export function cloneData<T>(value: T): T {
  if (value instanceof Float32Array) return value.slice() as T; // same type: slice of a Float32Array
  if (Array.isArray(value)) return value.map(cloneData) as T; // same shape, element by element
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneData(v)])) as T; // plain object copy
  }
  return value;
}

/**
 * A Node kernel context: a fake clock, checkpoints cloned as the worker's store would, and an optional stop at the
 * `stopAt`-th epoch boundary (the kernel then checkpoints and throws).
 */
export function createTestContext(engine: MlpEngine, options: { resumed?: unknown; stopAt?: number } = {}) {
  const stop = createStopSignal();
  const saved: unknown[] = [];
  const progress: number[] = [];
  let boundaries = 0;
  let clock = 0;
  const ctx: KernelContext<unknown> = {
    engine,
    resumed: options.resumed ?? null,
    signal: stop.signal,
    shouldCheckpoint() {
      boundaries += 1;
      if (boundaries === options.stopAt) stop.stop(new Error('stop requested'));
      return boundaries === options.stopAt;
    },
    checkpoint(state) {
      saved.push(cloneData(state));
      return Promise.resolve();
    },
    progress(step, total) {
      progress.push(step / total);
    },
    nowMs: () => (clock += 7),
  };
  return { ctx, saved, progress };
}
