import { beforeAll, describe, expect, test } from 'vitest';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { checkSd } from './check.ts';
import { runSpectralDynamics } from './kernel.ts';
import { SdCurves, SdSummary } from './result-schema.ts';
import { cloneData, createTestContext } from '../engine/test-context.ts';

const INPUT: WorkunitInput = {
  experiment: 'spectral_dynamics', spec: 'axk-1.0', wu_id: 'sd-check', seed: 2, data_seed: 20260302,
  params: { archs: ['A1'], lrs: [0.01, 1], epochs: 1 }, replica_of: null,
};

let honest: ResultEnvelope;
beforeAll(async () => {
  honest = await runSpectralDynamics(INPUT, createTestContext(createReferenceEngine()).ctx);
});

const reasons = (r: ResultEnvelope, input: WorkunitInput = INPUT): string => JSON.stringify(checkSd(input, r));

describe('check (per-result sanity of spec §5 for E2)', () => {
  test('an honest result passes, whatever its accuracy (E2 has no accuracy floor)', () => {
    expect(checkSd(INPUT, honest)).toEqual({ type: 'ok' });
    const curves = SdCurves.parse(cloneData(honest.curves));
    curves['A1-lr0.01']!.test_acc[1] = 0.05;
    expect(checkSd(INPUT, { ...honest, curves })).toEqual({ type: 'ok' });
  });

  test('fails a wrong canary, a result for another workunit, or other params', () => {
    const losses = honest.canary.losses.map((l, i) => (i === 3 ? l * 1.001 : l));
    expect(reasons({ ...honest, canary: { losses } })).toContain('canary');
    expect(reasons({ ...honest, wu_id: 'other' })).toContain('envelope');
    expect(reasons(honest, { ...INPUT, params: { archs: ['A2'], lrs: [0.01, 1], epochs: 1 } })).toContain('envelope');
  });

  test('fails a null (non-finite) value or missing update spectra where the status is ok', () => {
    const curves = SdCurves.parse(cloneData(honest.curves));
    curves['A1-lr1']!.train_loss[1] = null;
    expect(reasons({ ...honest, curves })).toContain('A1-lr1: a missing or non-finite');
    const curves2 = SdCurves.parse(cloneData(honest.curves));
    curves2['A1-lr0.01']!.matrices[1]![0]!.update_erank = null;
    expect(reasons({ ...honest, curves: curves2 })).toContain('A1-lr0.01');
  });

  test('fails a status that disagrees with the curves, missing configs, other epochs, or a non-spec summary', () => {
    expect(reasons({ ...honest, status: { 'A1-lr0.01': 'diverged', 'A1-lr1': 'ok' } })).toContain('status differs');
    const curves = SdCurves.parse(cloneData(honest.curves));
    delete curves['A1-lr1'];
    expect(reasons({ ...honest, curves })).toContain('A1-lr1: no curve');
    const epochs = SdCurves.parse(cloneData(honest.curves));
    epochs['A1-lr0.01']!.epochs = [0, 2];
    expect(reasons({ ...honest, curves: epochs })).toContain('checkpoint epochs');
    // Axiom v1's key: a summary with `top_sv_growth` instead of `top_sv_growths` does not match the E2 schema.
    const s = cloneData(honest.summary) as Record<string, Record<string, Record<string, unknown>>>; // plain JSON copy
    const entry = s.lr_rank_summary!['0.01']!;
    entry.top_sv_growth = entry.top_sv_growths;
    delete entry.top_sv_growths;
    expect(SdSummary.safeParse(s).success).toBe(false);
    expect(reasons({ ...honest, summary: s })).toContain('schema');
  });
});
