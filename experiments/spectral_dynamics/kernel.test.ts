import { describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { ResultEnvelope, type WorkunitInput } from '../../shared/envelope.ts';
import { canaryMismatches } from '../engine/canary.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { fnv1a64, u64Hex, utf8Bytes } from '../engine/rng.ts';
import { checkSd } from './check.ts';
import { SdCheckpoint } from './checkpoint-state.ts';
import { runSpectralDynamics } from './kernel.ts';
import { SdCurves, SdSummary } from './result-schema.ts';
import { createTestContext } from '../engine/test-context.ts';

const engine = createReferenceEngine();
const INPUT: WorkunitInput = {
  experiment: 'spectral_dynamics', spec: 'axk-1.0', wu_id: 'sd-golden', seed: 3, data_seed: 20260302,
  params: { archs: ['A1', 'A3'], lrs: [0.1, 0.2], epochs: 2 }, replica_of: null,
};
const CONFIGS = 4;
const EPOCHS = 2;

const context = (options: { resumed?: unknown; stopAt?: number } = {}) => createTestContext(engine, options);

/** Digest of everything but the timing (which depends on the runner's clock). */
function digest(r: ResultEnvelope): string {
  const { timing: _timing, ...rest } = r;
  return u64Hex(fnv1a64(utf8Bytes(canonicalJson(rest))));
}

// Pinned from the first run of this kernel on ts-ref 1.0.0; it changes whenever a number in the result changes,
// which needs a new app version (and, for a rule change, a new spec id).
const GOLDEN_DIGEST = '237154cfa10e891f';

describe('E2 kernel on the reference engine', () => {
  test('a small WU (A1, A3 × lr 0.1, 0.2, 2 epochs) gives a valid envelope with the fixed golden digest', async () => {
    const { ctx, progress } = context();
    const r = await runSpectralDynamics(INPUT, ctx);
    expect(ResultEnvelope.safeParse(r).success).toBe(true);
    expect(canaryMismatches(r.canary.losses)).toEqual([]);
    const c = SdCurves.parse(r.curves);
    expect(Object.keys(c)).toEqual(['A1-lr0.1', 'A1-lr0.2', 'A3-lr0.1', 'A3-lr0.2']);
    const a3 = c['A3-lr0.1'];
    expect(a3?.epochs).toEqual([0, 1, 2]);
    expect(a3?.steps).toBe(64);
    // Epoch 0: growth exactly 1, no update spectra; the two lrs of an architecture share the init (same spectra).
    expect(a3?.matrices[0]?.map((m) => m.top_sv_growth)).toEqual([1, 1, 1]);
    expect(a3?.matrices[0]?.every((m) => m.update_erank === null)).toBe(true);
    expect(c['A3-lr0.2']?.matrices[0]).toEqual(a3?.matrices[0]);
    expect(a3?.matrices[2]?.every((m) => (m.update_erank ?? 0) > 1)).toBe(true);
    expect(a3?.matrices[2]?.[1]?.top_sv).toHaveLength(10);
    expect(r.status).toEqual({ 'A1-lr0.1': 'ok', 'A1-lr0.2': 'ok', 'A3-lr0.1': 'ok', 'A3-lr0.2': 'ok' });
    expect(progress.at(-1)).toBe(1);
    expect(checkSd(INPUT, r)).toEqual({ type: 'ok' });
    expect(digest(r)).toBe(GOLDEN_DIGEST);
  });

  test('summary has exactly the spec keys: top_sv_growths lists and mean_top_sv_growth per lr (Axiom KeyError)', async () => {
    const r = await runSpectralDynamics(INPUT, context().ctx);
    const s = SdSummary.parse(r.summary); // strict: no extra or missing keys
    expect(Object.keys(s)).toEqual(['configs', 'lr_rank_summary', 'lr_rank_spearman', 'depth_effect']);
    expect(Object.keys(s.lr_rank_summary)).toEqual(['0.1', '0.2']);
    for (const entry of Object.values(s.lr_rank_summary)) {
      expect(entry).toHaveProperty('top_sv_growths');
      expect(entry).toHaveProperty('mean_top_sv_growth');
      expect(entry).not.toHaveProperty('top_sv_growth');
      expect(entry.top_sv_growths).toHaveLength(2); // one list per architecture, A1 then A3
      expect(entry.top_sv_growths[1]).toHaveLength(3); // every weight matrix of A3
      expect(typeof entry.mean_top_sv_growth).toBe('number');
    }
    // A1 and A3 have no hidden-to-hidden pair with A5/A6, so the depth effect is undefined.
    expect(s.depth_effect).toBeNull();
  });

  propTest.prop([fc.integer({ min: 1, max: CONFIGS * EPOCHS - 1 })], { numRuns: 3 })(
    'a stop at any epoch boundary, then a resume, ends bit-identical to a straight run', async (k) => {
      const first = context({ stopAt: k });
      await expect(runSpectralDynamics(INPUT, first.ctx)).rejects.toThrow('stop requested');
      expect(first.saved).toHaveLength(1);
      expect(SdCheckpoint.safeParse(first.saved[0]).success).toBe(true);
      const second = context({ resumed: first.saved[0] });
      expect(digest(await runSpectralDynamics(INPUT, second.ctx))).toBe(GOLDEN_DIGEST);
    });

  test('a checkpoint of another workunit or junk is ignored (fresh start, same result)', async () => {
    const first = context({ stopAt: 2 });
    await expect(runSpectralDynamics({ ...INPUT, seed: 4 }, first.ctx)).rejects.toThrow();
    const second = context({ resumed: first.saved[0] });
    expect(digest(await runSpectralDynamics(INPUT, second.ctx))).toBe(GOLDEN_DIGEST);
    const junk = context({ resumed: { kind: 'sd-checkpoint', v: 1, config_index: 'x' } });
    expect(digest(await runSpectralDynamics(INPUT, junk.ctx))).toBe(GOLDEN_DIGEST);
  });
});
