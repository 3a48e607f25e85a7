import { describe, expect, test } from 'vitest';
import { parameterCount } from '../engine/init.ts';
import { archSizes, ARCH_NAMES, checkpointEpochs, configKey, configList, SdParams, sdDefaultSweep, sdFlops, sdTotalSteps } from './spec.ts';

describe('E2 params', () => {
  test("defaults are the spec's: A1..A6, lr 0.01/0.03/0.1/0.2, batch 64, 60 epochs", () => {
    expect(SdParams.parse({})).toEqual({ archs: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'], lrs: [0.01, 0.03, 0.1, 0.2], batch_size: 64, epochs: 60 });
  });
  test('architectures are the spec table (input 20, output 5)', () => {
    expect(ARCH_NAMES.map(archSizes)).toEqual([[20, 64, 5], [20, 256, 5], [20, 64, 64, 5], [20, 256, 256, 5],
      [20, 64, 64, 64, 64, 5], [20, 128, 128, 128, 128, 5]]);
  });
  test('subsets must keep the spec order; lrs ascending; unknown keys rejected', () => {
    expect(SdParams.parse({ archs: ['A2', 'A5'], batch_size: 16 }).archs).toEqual(['A2', 'A5']);
    expect(SdParams.safeParse({ archs: ['A3', 'A1'] }).success).toBe(false);
    expect(SdParams.safeParse({ archs: ['A1', 'A1'] }).success).toBe(false);
    expect(SdParams.safeParse({ archs: ['A7'] }).success).toBe(false);
    expect(SdParams.safeParse({ lrs: [0.1, 0.01] }).success).toBe(false);
    expect(SdParams.safeParse({ lrs: [] }).success).toBe(false);
    expect(SdParams.safeParse({ lr: 0.1 }).success).toBe(false);
  });
  test('configs: A1..A6 with lr ascending within each; keys write lr as String(lr)', () => {
    const cs = configList(SdParams.parse({}));
    expect(cs).toHaveLength(24);
    expect(cs.slice(0, 5).map(configKey)).toEqual(['A1-lr0.01', 'A1-lr0.03', 'A1-lr0.1', 'A1-lr0.2', 'A2-lr0.01']);
  });
});

describe('E2 costs', () => {
  test('46,080 SGD steps per WU at defaults (spec E2)', () => {
    expect(sdTotalSteps(SdParams.parse({}))).toBe(46_080);
  });
  test('FLOPs per WU at defaults: training = 6 × sum P × 4 lr × 2000 × 60 ≈ 4.4e11; total within 10% of 4.6e11', () => {
    const sumP = ARCH_NAMES.reduce((s, a) => s + parameterCount(archSizes(a)), 0);
    expect(sumP).toBe(153_630); // spec E2 "FLOPs per WU"

    const f = sdFlops(SdParams.parse({}));
    expect(f.model).toBe(6 * sumP * 4 * 2000 * 60);
    expect(Math.abs(f.model - 4.4e11) / 4.4e11).toBeLessThan(0.01);
    expect(f.metrics).toBeGreaterThan(2e10);
    expect(Math.abs(f.model + f.metrics - 4.6e11) / 4.6e11).toBeLessThan(0.1);
  });
  test('checkpoint epochs: the spec list at 60, truncated plus the final epoch otherwise', () => {
    expect(checkpointEpochs(60)).toEqual([0, 1, 2, 5, 10, 20, 30, 40, 50, 60]);
    expect(checkpointEpochs(15)).toEqual([0, 1, 2, 5, 10, 15]);
    expect(checkpointEpochs(1)).toEqual([0, 1]);
  });
  test('default sweep: seeds 0..n-1 with default params, unique names', () => {
    const cells = sdDefaultSweep(20);
    expect(cells.map((c) => c.seed)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(cells.map((c) => c.name)).size).toBe(20);
    expect(cells.every((c) => Object.keys(c.params).length === 0)).toBe(true);
  });
});
