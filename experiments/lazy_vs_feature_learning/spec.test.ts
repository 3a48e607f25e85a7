import { describe, expect, test } from 'vitest';
import { checkpointEpochs, LvfParams, lvfDefaultSweep, lvfFlops, lvfTotalSteps } from './spec.ts';

describe('E1 params', () => {
  test('defaults are the spec\'s', () => {
    expect(LvfParams.parse({})).toEqual({ widths: [8, 16, 32, 64, 128, 256, 512], lr: 0.05, batch_size: 64, epochs: 150, param: 'sp' });
  });
  test('any non-empty ascending subset of positive integers is a valid widths override', () => {
    expect(LvfParams.parse({ widths: [3, 100] }).widths).toEqual([3, 100]);
    expect(LvfParams.safeParse({ widths: [] }).success).toBe(false);
    expect(LvfParams.safeParse({ widths: [16, 8] }).success).toBe(false);
    expect(LvfParams.safeParse({ widths: [8, 8] }).success).toBe(false);
    expect(LvfParams.safeParse({ widths: [0, 8] }).success).toBe(false);
    expect(LvfParams.safeParse({ widths: [8.5] }).success).toBe(false);
  });
  test('param ntk is rejected with a message naming the open point; unknown keys are rejected', () => {
    const r = LvfParams.safeParse({ param: 'ntk' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('§5');
    expect(LvfParams.safeParse({ momentum: 0.9 }).success).toBe(false);
  });
});

describe('E1 costs', () => {
  test('FLOPs per WU at defaults: training 6.8e11, total ~7.8e11 (spec E1)', () => {
    const f = lvfFlops(LvfParams.parse({}));
    expect(f.model).toBe(6 * 376_971 * 2000 * 150);
    expect(f.metrics).toBeGreaterThan(0.7e11);
    expect(f.metrics).toBeLessThan(1.3e11);
    expect(Math.abs(f.model + f.metrics - 7.8e11) / 7.8e11).toBeLessThan(0.03);
  });
  test('4,800 steps per width at defaults (32 batches per epoch, last one of 16)', () => {
    expect(lvfTotalSteps(LvfParams.parse({}))).toBe(7 * 4800);
  });
  test('checkpoint epochs: the spec list at 150, truncated plus the final epoch otherwise', () => {
    expect(checkpointEpochs(150)).toEqual([0, 1, 2, 5, 10, 20, 30, 50, 75, 100, 125, 150]);
    expect(checkpointEpochs(30)).toEqual([0, 1, 2, 5, 10, 20, 30]);
    expect(checkpointEpochs(7)).toEqual([0, 1, 2, 5, 7]);
    expect(checkpointEpochs(1)).toEqual([0, 1]);
  });
  test('default sweep: seeds 0..n-1 with default params', () => {
    const cells = lvfDefaultSweep(20);
    expect(cells.map((c) => c.seed)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(cells.map((c) => c.name)).size).toBe(20);
  });
});
