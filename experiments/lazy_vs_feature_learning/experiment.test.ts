import { describe, expect, test } from 'vitest';
import type { WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { lazyVsFeatureLearning } from './experiment.ts';
import { LvfCurves, LvfSummary } from './result-schema.ts';
import { createTestContext } from '../engine/test-context.ts';

describe('lazyVsFeatureLearning as an Experiment', () => {
  test('resolves params with defaults, rejects ntk and unknown keys with readable issues', () => {
    expect(lazyVsFeatureLearning.resolveParams({ lr: 0.2 })).toEqual({ type: 'ok',
      params: { widths: [8, 16, 32, 64, 128, 256, 512], lr: 0.2, batch_size: 64, epochs: 150, param: 'sp' } });
    const ntk = lazyVsFeatureLearning.resolveParams({ param: 'ntk' });
    expect(ntk.type).toBe('invalid');
    expect(JSON.stringify(ntk)).toContain('param');
    expect(lazyVsFeatureLearning.resolveParams({ widht: [8] }).type).toBe('invalid');
  });
  test('FLOP estimate ~7.8e11 and 33,600 steps at defaults; invalid params throw', () => {
    expect(lazyVsFeatureLearning.estimateFlops({})).toBeGreaterThan(7.6e11);
    expect(lazyVsFeatureLearning.estimateFlops({})).toBeLessThan(8.0e11);
    expect(lazyVsFeatureLearning.totalSteps({})).toBe(33_600);
    expect(() => lazyVsFeatureLearning.estimateFlops({ widths: [] })).toThrow();
  });
  test('a divergent learning rate marks widths diverged with the step and null metrics after it (spec §1.3)', async () => {
    const input: WorkunitInput = { experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'lvf-div', seed: 0,
      data_seed: 20260302, params: { widths: [8, 16], epochs: 2, lr: 100 }, replica_of: null };
    const r = await lazyVsFeatureLearning.run(input, createTestContext(createReferenceEngine()).ctx);
    expect(r.status).toEqual({ w8: 'diverged', w16: 'diverged' });
    const c = LvfCurves.parse(r.curves).w8!;
    expect(c.diverged_step).toBeGreaterThanOrEqual(1);
    expect(c.diverged_step).toBeLessThanOrEqual(64);
    expect(c.epochs).toEqual([0, 1, 2]);
    expect(c.movement.at(-1)).toBeNull();
    expect(LvfSummary.parse(r.summary).movement_loglog_slope).toBeNull();
    // a diverged width is a valid outcome, not a broken result
    expect(lazyVsFeatureLearning.check(input, r)).toEqual({ type: 'ok' });
  });
});
