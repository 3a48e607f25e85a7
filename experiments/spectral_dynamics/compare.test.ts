import { beforeAll, describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { compareSd, SD_TOLERANCES } from './compare.ts';
import { runSpectralDynamics } from './kernel.ts';
import { SdCurves, SdSummary } from './result-schema.ts';
import { cloneData, createTestContext } from '../engine/test-context.ts';

const INPUT: WorkunitInput = {
  experiment: 'spectral_dynamics', spec: 'axk-1.0', wu_id: 'sd-cmp', seed: 1, data_seed: 20260302,
  params: { archs: ['A1'], lrs: [0.03, 0.1], epochs: 2 }, replica_of: null,
};

let honest: ResultEnvelope;
beforeAll(async () => {
  honest = await runSpectralDynamics(INPUT, createTestContext(createReferenceEngine()).ctx);
});

type Field = 'erank' | 'stable_rank' | 'update_erank' | 'top_sv_growth' | 's1_s2';
/** A copy of the result with curve field `field` of layer 0 of `config` at checkpoint `index` multiplied by (1 + rel). */
function scaleCurve(r: ResultEnvelope, config: string, index: number, field: Field, rel: number): ResultEnvelope {
  const curves = SdCurves.parse(cloneData(r.curves));
  const m = curves[config]?.matrices[index]?.[0];
  if (m === undefined) throw new Error(`no matrix point ${config}[${index}]`);
  const v = m[field];
  if (v === null) throw new Error(`${field} is null`);
  m[field] = v * (1 + rel);
  return { ...r, curves };
}

describe('compare (E2 validation classes)', () => {
  test('accepts a replica with other timings and another engine version', () => {
    const replica: ResultEnvelope = { ...cloneData(honest), timing: { wall_s: 99, train_s: 98 }, impl: { ...honest.impl, version: 'other' } };
    expect(compareSd(honest, replica)).toEqual({ type: 'equivalent' });
  });

  test('init spectra at rtol 1e-5, epoch-1 at 1e-4: inside passes, beyond fails and names the field', () => {
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.1', 0, 'erank', 0.5e-5)).type).toBe('equivalent');
    const init = compareSd(honest, scaleCurve(honest, 'A1-lr0.1', 0, 'erank', 2e-5));
    expect(init.type).toBe('different');
    expect(JSON.stringify(init)).toContain('epoch 0 L0: erank');
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.03', 1, 'update_erank', 0.5e-4)).type).toBe('equivalent');
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.03', 1, 'update_erank', 2e-4)).type).toBe('different');
  });

  test('final spectra: rtol 1e-3 at lr 0.03, 1e-2 at lr 0.1', () => {
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.03', 2, 'stable_rank', 2e-3)).type).toBe('different');
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.1', 2, 'stable_rank', 2e-3)).type).toBe('equivalent');
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.1', 2, 'stable_rank', 2e-2)).type).toBe('different');
  });

  test('class Q fields are not compared pairwise: s1/s2 and accuracies may differ', () => {
    expect(compareSd(honest, scaleCurve(honest, 'A1-lr0.03', 2, 's1_s2', 0.3)).type).toBe('equivalent');
    const curves = SdCurves.parse(cloneData(honest.curves));
    curves['A1-lr0.1']!.test_acc[2] = 0.1;
    expect(compareSd(honest, { ...honest, curves }).type).toBe('equivalent');
  });

  test('rejects a summary that disagrees with its curves, a changed fingerprint, other params, status or junk', () => {
    const s = SdSummary.parse(cloneData(honest.summary));
    s.configs[0]!.final!.erank_final[0] = s.configs[0]!.final!.erank_final[0]! * 1.01;
    expect(JSON.stringify(compareSd(honest, { ...honest, summary: s }))).toContain('summary erank_final');
    const fp = { ...honest.fingerprints, init: { hash: '0123456789abcdef', sum: 1, sumsq: 1 } };
    expect(compareSd(honest, { ...honest, fingerprints: fp }).type).toBe('different');
    expect(compareSd(honest, { ...honest, params: { ...honest.params, batch_size: 16 } }).type).toBe('different');
    expect(compareSd(honest, { ...honest, status: { 'A1-lr0.03': 'ok', 'A1-lr0.1': 'diverged' } }).type).toBe('different');
    expect(compareSd(honest, { ...honest, summary: { configs: [] } }).type).toBe('different');
  });

  const site = fc.constantFrom(['A1-lr0.03', 0] as const, ['A1-lr0.1', 1] as const, ['A1-lr0.03', 2] as const, ['A1-lr0.1', 2] as const);
  const field = fc.constantFrom<Field>('erank', 'stable_rank', 'top_sv_growth');
  propTest.prop([site, field, fc.double({ min: -0.5, max: 0.5, noNaN: true })])(
    'is reflexive: any (perturbed) result is equivalent to itself', ([config, index], f, rel) => {
      const r = scaleCurve(honest, config, index, f, rel);
      expect(compareSd(r, r)).toEqual({ type: 'equivalent' });
      expect(compareSd(r, cloneData(r))).toEqual({ type: 'equivalent' });
    });

  /** The rtol of a site (init 1e-5, epoch 1 1e-4, final by lr). */
  const rtolOf = (config: string, index: number): number => (index === 0 ? SD_TOLERANCES.initRtol : index === 1 ? SD_TOLERANCES.epoch1Rtol
    : config.endsWith('0.03') ? SD_TOLERANCES.finalSmallLrRtol : SD_TOLERANCES.finalLargeLrRtol);

  propTest.prop([site, field, fc.double({ min: 1.2, max: 1000, noNaN: true }), fc.boolean()])(
    'rejects any perturbation beyond the site\'s rtol, and the verdict is symmetric', ([config, index], f, factor, negative) => {
      // |Δ| / max(|a|, |b|) is rel or rel / (1 + rel): both above rtol for rel >= 1.2 rtol (rel <= 0.5)
      const rel = Math.min(0.5, factor * rtolOf(config, index));
      const other = scaleCurve(honest, config, index, f, negative ? -rel : rel);
      const ab = compareSd(honest, other);
      expect(ab.type).toBe('different');
      expect(compareSd(other, honest)).toEqual(ab);
    });

  propTest.prop([site, field, fc.double({ min: -0.9, max: 0.9, noNaN: true })])(
    'accepts any perturbation inside the site\'s rtol (symmetric)', ([config, index], f, frac) => {
      const other = scaleCurve(honest, config, index, f, frac * rtolOf(config, index));
      expect(compareSd(honest, other)).toEqual({ type: 'equivalent' });
      expect(compareSd(other, honest)).toEqual({ type: 'equivalent' });
    });
});
