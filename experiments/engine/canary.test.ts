import { describe, expect, test } from 'vitest';
import { CANARY_EXPECTED_LOSSES, canaryMismatches, runCanary } from './canary.ts';
import { createReferenceEngine } from './reference/reference-engine.ts';

describe('canary (spec §1.7)', () => {
  test('the reference engine reproduces the stored losses, which fall from about log 5 + init noise', async () => {
    const losses = await runCanary(createReferenceEngine());
    expect(losses).toHaveLength(10);
    expect(canaryMismatches(losses)).toEqual([]);
    // Independent of the stored numbers: 10 SGD steps at lr 0.05 lower the full-set loss of a 5-class net.
    expect(losses[9]!).toBeLessThan(losses[0]!);
    expect(losses[0]!).toBeGreaterThan(1.2);
    expect(losses[0]!).toBeLessThan(3);
  });
  test('a loss off by more than rtol 1e-4 is reported; within it is not', () => {
    const ok = CANARY_EXPECTED_LOSSES.map((v) => v * (1 + 5e-5));
    expect(canaryMismatches(ok)).toEqual([]);
    const bad = [...CANARY_EXPECTED_LOSSES];
    bad[3] = bad[3]! * (1 + 2e-4);
    expect(canaryMismatches(bad)).toEqual([3]);
    expect(canaryMismatches([1, 2])).toEqual([-1]);
  });
});
