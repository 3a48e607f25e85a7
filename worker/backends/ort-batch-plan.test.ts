import { describe, expect, it } from 'vitest';
import type { Batch } from '../../experiments/engine/mlp-engine.ts';
import { planBatchRuns, stackInputs, stackOneHot } from './ort-batch-plan.ts';

const batch = (n: number, fill = 0): Batch => ({ x: new Float32Array(n * 2).fill(fill), labels: new Uint8Array(n).fill(1), n });

describe('planBatchRuns', () => {
  it('puts an epoch of 31 full batches in one Loop run and the short last batch in its own', () => {
    const epoch = [...Array.from({ length: 31 }, () => batch(64)), batch(16)];
    expect(planBatchRuns(epoch, 64)).toEqual([{ start: 0, count: 31, n: 64 }, { start: 31, count: 1, n: 16 }]);
  });

  it('caps runs at maxSteps and splits on every size change', () => {
    const list = [batch(4), batch(4), batch(4), batch(2), batch(4)];
    expect(planBatchRuns(list, 2)).toEqual([
      { start: 0, count: 2, n: 4 }, { start: 2, count: 1, n: 4 }, { start: 3, count: 1, n: 2 }, { start: 4, count: 1, n: 4 },
    ]);
  });
});

describe('stacking', () => {
  it('stacks inputs in batch order and one-hot encodes labels', () => {
    const list = [batch(2, 1), batch(2, 2)];
    const run = { start: 0, count: 2, n: 2 };
    expect(Array.from(stackInputs(list, run, 2))).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(stackOneHot(list, run, 3))).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
  });
});
