import { describe, expect, test } from 'vitest';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { LvfSummary } from './result-schema.ts';
import { summarizeLvf } from './summarize.ts';

const WIDTHS = [8, 16, 32, 64, 128, 256, 512];
// Mid-points of the spec's [pt] table (E1 "Expected outcomes").
const PT_MOVEMENT = [1.145, 1.01, 0.825, 0.58, 0.375, 0.235, 0.14];
const PT_CKA = [0.17, 0.34, 0.5, 0.66, 0.795, 0.87, 0.915];
const gaussianEntropy = (w: number): number => Math.log(w * w + 25 * w) - 0.284;

function summary(over: Partial<LvfSummary> = {}): LvfSummary {
  return {
    widths: WIDTHS, final_weight_movement: PT_MOVEMENT, final_cka_mean: PT_CKA, final_test_acc: WIDTHS.map(() => 0.8),
    final_train_acc: WIDTHS.map(() => 1), final_weight_entropy: WIDTHS.map(gaussianEntropy), final_dead_frac: WIDTHS.map(() => 0),
    movement_loglog_slope: -0.515, pairwise_slopes: [], transition_width: 362, transition_slope: -0.73,
    monotone_movement: true, monotone_cka: true, ...over,
  };
}
function result(s: LvfSummary, seed = 0): ResultEnvelope {
  return {
    experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: `s${seed}`, seed, data_seed: 20260302, params: {},
    impl: { engine: 'ts-ref', version: 'x', precision: 'f32' }, fingerprints: { x_train: null, labels: null, init: null, perm: null },
    canary: { losses: new Array<number>(10).fill(1) }, summary: s, curves: {}, status: 'ok',
    timing: { wall_s: 1, train_s: 1 }, flops: { model: 1, metrics: 1 },
  };
}
const pass = (rs: ResultEnvelope[]) => Object.fromEntries(summarizeLvf(rs).checks.map((c) => [c.id, c.pass]));

describe('E1 science summary (acceptance checks 1-7)', () => {
  test('20 results at the [pt] values pass checks 1-5; 6 and 7 are reported only', () => {
    const rs = Array.from({ length: 20 }, (_, i) => result(summary(), i));
    expect(pass(rs)).toEqual({ 'E1.1': true, 'E1.2': true, 'E1.3': true, 'E1.4': true, 'E1.5': true, 'E1.6': null, 'E1.7': null });
    const s = summarizeLvf(rs);
    s.series.movement_mean!.forEach((m, i) => expect(m).toBeCloseTo(PT_MOVEMENT[i]!, 12));
    expect(s.resultCount).toBe(20);
  });
  test('one slope outside [-0.60, -0.42] fails check 1 (every result)', () => {
    const rs = [...Array.from({ length: 19 }, (_, i) => result(summary(), i)), result(summary({ movement_loglog_slope: -0.4 }))];
    expect(pass(rs)['E1.1']).toBe(false);
  });
  test('monotone in 18 of 20 seeds passes check 2 (>= 90%); in 17 it fails', () => {
    const mk = (bad: number) => Array.from({ length: 20 }, (_, i) => result(summary({ monotone_cka: i >= bad }), i));
    expect(pass(mk(2))['E1.2']).toBe(true);
    expect(pass(mk(3))['E1.2']).toBe(false);
  });
  test('entropy 0.2 off the Gaussian constant, a dead fraction of 0.06, or accuracy 0.69 fail checks 3, 4, 5', () => {
    const ent = WIDTHS.map(gaussianEntropy);
    ent[3] = ent[3]! + 0.2;
    expect(pass([result(summary({ final_weight_entropy: ent }))])['E1.3']).toBe(false);
    expect(pass([result(summary({ final_dead_frac: [0, 0, 0, 0, 0, 0, 0.06] }))])['E1.4']).toBe(false);
    expect(pass([result(summary({ final_test_acc: [0.8, 0.8, 0.69, 0.8, 0.8, 0.8, 0.8] }))])['E1.5']).toBe(false);
  });
  test('unparseable summaries are left out and said so', () => {
    const s = summarizeLvf([result(summary()), { ...result(summary()), summary: { bogus: 1 } }]);
    expect(s.resultCount).toBe(1);
    expect(s.findings.join(' ')).toContain('1 result(s) had no parseable E1 summary');
  });
});
