import type { Batch } from '../../experiments/engine/mlp-engine.ts';

/** A slice of a `train()` call: `count` consecutive batches of `n` rows starting at `start`. */
export interface BatchRun {
  readonly start: number;
  readonly count: number;
  readonly n: number;
}

/**
 * Cuts `batches` into runs of equal-size consecutive batches, at most `maxSteps` long. A run of ≥ 2 goes to the Loop
 * graph (one `run()` for many steps); a run of 1, such as an epoch's short last batch, to the single-step graph.
 */
export function planBatchRuns(batches: readonly Batch[], maxSteps: number): BatchRun[] {
  const runs: BatchRun[] = [];
  let i = 0;
  while (i < batches.length) {
    const n = batches[i]!.n;
    let count = 1;
    while (i + count < batches.length && count < maxSteps && batches[i + count]!.n === n) count++;
    runs.push({ start: i, count, n });
    i += count;
  }
  return runs;
}

/** Stacks the inputs of `run` into one (count × n × d) buffer, the Loop graph's `Xs`. */
export function stackInputs(batches: readonly Batch[], run: BatchRun, d: number): Float32Array {
  const out = new Float32Array(run.count * run.n * d);
  for (let s = 0; s < run.count; s++) out.set(batches[run.start + s]!.x, s * run.n * d);
  return out;
}

/** One-hot labels of `run`, stacked as (count × n × classes): the graphs' `Y`/`Ys`. */
export function stackOneHot(batches: readonly Batch[], run: BatchRun, classes: number): Float32Array {
  const out = new Float32Array(run.count * run.n * classes);
  for (let s = 0; s < run.count; s++) {
    const labels = batches[run.start + s]!.labels;
    const base = s * run.n * classes;
    for (let i = 0; i < run.n; i++) out[base + i * classes + labels[i]!] = 1;
  }
  return out;
}
