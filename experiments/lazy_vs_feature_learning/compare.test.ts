import { beforeAll, describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { compareLvf, LVF_TOLERANCES } from './compare.ts';
import { runLazyVsFeatureLearning } from './kernel.ts';
import { cloneData, createTestContext } from '../engine/test-context.ts';
import { LvfCurves, LvfSummary } from './result-schema.ts';

const INPUT: WorkunitInput = {
  experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'lvf-cmp', seed: 1, data_seed: 20260302,
  params: { widths: [8, 16], epochs: 2 }, replica_of: null,
};

let honest: ResultEnvelope;
beforeAll(async () => {
  honest = await runLazyVsFeatureLearning(INPUT, createTestContext(createReferenceEngine()).ctx);
});

/** A copy of the result with summary field `key[index]` multiplied by (1 + rel). */
function scaleSummary(r: ResultEnvelope, key: 'final_weight_movement' | 'final_cka_mean' | 'final_weight_entropy', index: number, rel: number): ResultEnvelope {
  const s = LvfSummary.parse(cloneData(r.summary));
  s[key][index] = s[key][index]! * (1 + rel);
  return { ...r, summary: s };
}

describe('compare (E1 validation classes)', () => {
  test('accepts a replica with other timings and another engine version', () => {
    const replica: ResultEnvelope = { ...cloneData(honest), timing: { wall_s: 99, train_s: 98 },
      impl: { ...honest.impl, version: 'other' } };
    expect(compareLvf(honest, replica)).toEqual({ type: 'equivalent' });
  });

  test('rejects a replica whose final movement differs by 2e-3 (S, rtol 1e-3), naming the field', () => {
    const v = compareLvf(honest, scaleSummary(honest, 'final_weight_movement', 1, 2e-3));
    expect(v.type).toBe('different');
    expect(JSON.stringify(v)).toContain('final_weight_movement');
  });

  test('rejects a changed epoch-1 metric beyond rtol 1e-5, a changed fingerprint, and other params', () => {
    const curves = LvfCurves.parse(cloneData(honest.curves));
    curves.w8!.grad_norm[1] = curves.w8!.grad_norm[1]! * (1 + 3e-5);
    expect(compareLvf(honest, { ...honest, curves }).type).toBe('different');
    const fp = { ...honest.fingerprints, init: { hash: '0123456789abcdef', sum: 1, sumsq: 1 } };
    expect(compareLvf(honest, { ...honest, fingerprints: fp }).type).toBe('different');
    expect(compareLvf(honest, { ...honest, params: { ...honest.params, lr: 0.2 } }).type).toBe('different');
    expect(compareLvf(honest, { ...honest, summary: { nonsense: true } }).type).toBe('different');
  });

  const anyRel = fc.double({ min: -0.5, max: 0.5, noNaN: true });
  propTest.prop([fc.constantFrom('final_weight_movement', 'final_cka_mean', 'final_weight_entropy'), fc.integer({ min: 0, max: 1 }), anyRel])(
    'is reflexive: any (perturbed) result is equivalent to itself', (k, i, rel) => {
      const r = scaleSummary(honest, k, i, rel);
      expect(compareLvf(r, r)).toEqual({ type: 'equivalent' });
      expect(compareLvf(r, cloneData(r))).toEqual({ type: 'equivalent' });
    });

  const key = fc.constantFrom('final_weight_movement', 'final_cka_mean', 'final_weight_entropy');
  propTest.prop([key, fc.integer({ min: 0, max: 1 }), fc.double({ min: -0.9e-3, max: 0.9e-3, noNaN: true })])(
    'accepts any perturbation of a final S field inside rtol 1e-3', (k, i, rel) => {
      expect(compareLvf(honest, scaleSummary(honest, k, i, rel)).type).toBe('equivalent');
    });

  propTest.prop([key, fc.integer({ min: 0, max: 1 }), fc.double({ min: 1.2e-3, max: 0.5, noNaN: true }), fc.boolean()])(
    'rejects any perturbation beyond it, and the verdict is symmetric', (k, i, rel, negative) => {
      // |Δ| / max(|a|, |b|) is rel or rel / (1 + rel): both above 1e-3 for rel >= 1.2e-3
      const other = scaleSummary(honest, k, i, negative ? -rel : rel);
      const ab = compareLvf(honest, other);
      expect(ab.type).toBe('different');
      expect(compareLvf(other, honest)).toEqual(ab);
      expect(LVF_TOLERANCES.finalSmoothRtol).toBe(1e-3);
    });
});
