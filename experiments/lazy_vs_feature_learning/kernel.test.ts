import { describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { ResultEnvelope, type WorkunitInput } from '../../shared/envelope.ts';
import { canaryMismatches } from '../engine/canary.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { fnv1a64, u64Hex, utf8Bytes } from '../engine/rng.ts';
import { checkLvf } from './check.ts';
import { LvfCheckpoint } from './checkpoint-state.ts';
import { runLazyVsFeatureLearning } from './kernel.ts';
import { LvfCurves, LvfSummary } from './result-schema.ts';
import { createTestContext } from '../engine/test-context.ts';

const engine = createReferenceEngine();
const INPUT: WorkunitInput = {
  experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'lvf-golden', seed: 3, data_seed: 20260302,
  params: { widths: [8, 16], epochs: 2 }, replica_of: null,
};
const EPOCHS = 2;
const WIDTHS = 2;

const context = (options: { resumed?: unknown; stopAt?: number } = {}) => createTestContext(engine, options);

/** Digest of everything but the timing (which depends on the runner's clock). */
function digest(r: ResultEnvelope): string {
  const { timing: _timing, ...rest } = r;
  return u64Hex(fnv1a64(utf8Bytes(canonicalJson(rest))));
}

// Pinned from the first run of this kernel on ts-ref 1.0.0; it changes whenever a number in the result changes,
// which needs a new app version (and, for a rule change, a new spec id).
const GOLDEN_DIGEST = '3ded11e8c00ccbed';

describe('E1 kernel on the reference engine', () => {
  test('a small WU (widths [8, 16], 2 epochs) gives a valid envelope with the fixed golden digest', async () => {
    const { ctx, progress } = context();
    const r = await runLazyVsFeatureLearning(INPUT, ctx);
    expect(ResultEnvelope.safeParse(r).success).toBe(true);
    expect(canaryMismatches(r.canary.losses)).toEqual([]);
    const s = LvfSummary.parse(r.summary);
    expect(s.widths).toEqual([8, 16]);
    const c = LvfCurves.parse(r.curves);
    expect(c.w8?.epochs).toEqual([0, 1, 2]);
    expect(c.w8?.movement[0]).toBe(0);
    expect(c.w16?.cka_mean[0]).toBeCloseTo(1, 12);
    expect(r.status).toEqual({ w8: 'ok', w16: 'ok' });
    expect(c.w8?.steps).toBe(64);
    expect(progress.at(-1)).toBe(1);
    expect(r.fingerprints.perm?.sum).toBe((2000 * 1999) / 2);
    expect(checkLvf(INPUT, r)).toEqual({ type: 'ok' });
    expect(digest(r)).toBe(GOLDEN_DIGEST);
  });

  propTest.prop([fc.integer({ min: 1, max: WIDTHS * EPOCHS - 1 })], { numRuns: 3 })(
    'a stop at any epoch boundary, then a resume, ends bit-identical to a straight run', async (k) => {
      const first = context({ stopAt: k });
      await expect(runLazyVsFeatureLearning(INPUT, first.ctx)).rejects.toThrow('stop requested');
      expect(first.saved).toHaveLength(1);
      expect(LvfCheckpoint.safeParse(first.saved[0]).success).toBe(true);
      const second = context({ resumed: first.saved[0] });
      expect(digest(await runLazyVsFeatureLearning(INPUT, second.ctx))).toBe(GOLDEN_DIGEST);
    });

  test('a checkpoint of another workunit is ignored (fresh start, same result)', async () => {
    const first = context({ stopAt: 2 });
    await expect(runLazyVsFeatureLearning({ ...INPUT, seed: 4 }, first.ctx)).rejects.toThrow();
    const second = context({ resumed: first.saved[0] });
    expect(digest(await runLazyVsFeatureLearning(INPUT, second.ctx))).toBe(GOLDEN_DIGEST);
    const junk = context({ resumed: { kind: 'lvf-checkpoint', v: 1, width_index: 'x' } });
    expect(digest(await runLazyVsFeatureLearning(INPUT, junk.ctx))).toBe(GOLDEN_DIGEST);
  });
});
