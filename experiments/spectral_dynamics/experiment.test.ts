import { describe, expect, test } from 'vitest';
import type { WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { findExperiment } from '../registry.ts';
import { spectralDynamics } from './experiment.ts';
import { SdCurves, SdSummary } from './result-schema.ts';
import { createTestContext } from '../engine/test-context.ts';

describe('spectralDynamics as an Experiment', () => {
  test('is registered under its spec name', () => {
    expect(findExperiment('spectral_dynamics')).toBe(spectralDynamics);
  });
  test('resolves params with defaults and rejects unknown keys with readable issues', () => {
    expect(spectralDynamics.resolveParams({ batch_size: 16 })).toEqual({ type: 'ok',
      params: { archs: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'], lrs: [0.01, 0.03, 0.1, 0.2], batch_size: 16, epochs: 60 } });
    const bad = spectralDynamics.resolveParams({ arch: ['A1'] });
    expect(bad.type).toBe('invalid');
    expect(JSON.stringify(bad)).toContain('arch');
  });
  test('FLOP estimate ~4.6e11 ±10% and 46,080 steps at defaults; invalid params throw', () => {
    expect(Math.abs(spectralDynamics.estimateFlops({}) - 4.6e11) / 4.6e11).toBeLessThan(0.1);
    expect(spectralDynamics.totalSteps({})).toBe(46_080);
    expect(() => spectralDynamics.estimateFlops({ lrs: [] })).toThrow();
  });
  test('a divergent lr marks the config diverged with null metrics after it and a null final (spec §1.3)', async () => {
    const input: WorkunitInput = { experiment: 'spectral_dynamics', spec: 'axk-1.0', wu_id: 'sd-div', seed: 0,
      data_seed: 20260302, params: { archs: ['A1'], lrs: [0.1, 100], epochs: 1 }, replica_of: null };
    const r = await spectralDynamics.run(input, createTestContext(createReferenceEngine()).ctx);
    expect(r.status).toEqual({ 'A1-lr0.1': 'ok', 'A1-lr100': 'diverged' });
    const c = SdCurves.parse(r.curves)['A1-lr100'];
    expect(c?.diverged_step).toBeGreaterThanOrEqual(1);
    expect(c?.diverged_step).toBeLessThanOrEqual(32);
    expect(c?.epochs).toEqual([0, 1]);
    expect(c?.matrices[1]).toBeNull();
    const s = SdSummary.parse(r.summary);
    expect(s.configs[1]?.final).toBeNull();
    expect(s.lr_rank_summary['100']?.mean_top_sv_growth).toBeNull(); // every config at that lr diverged
    expect(s.lr_rank_summary['100']?.top_sv_growths).toEqual([null]);
    expect(typeof s.lr_rank_summary['0.1']?.mean_top_sv_growth).toBe('number');
    // a diverged config is a valid outcome, not a broken result
    expect(spectralDynamics.check(input, r)).toEqual({ type: 'ok' });
  });
});
