import { beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson } from '../shared/canonical-json.ts';
import type { ResultEnvelope, WorkunitInput } from '../shared/envelope.ts';
import type { MlpEngine } from '../experiments/engine/mlp-engine.ts';
import { createReferenceEngine } from '../experiments/engine/reference/reference-engine.ts';
import { lazyVsFeatureLearning } from '../experiments/lazy_vs_feature_learning/experiment.ts';
import { createTestContext } from '../experiments/engine/test-context.ts';
import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';

// E1 on the volunteers' engine (onnxruntime-web wasm) against the reference: spec §1.7 validates browser engines
// against ts-ref by the experiment's classes, and resume must be bit-identical on the same engine.
const INPUT: WorkunitInput = {
  experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'lvf-engines', seed: 5, data_seed: 20260302,
  params: { widths: [8, 16], epochs: 3 }, replica_of: null,
};
// Widths 8 and 16 on purpose: at width 64 (seed 5, step 13 of epoch 1) a layer-2 pre-activation of -1.5e-7 lies
// inside the two engines' float32 rounding difference (up to ~1e-6), the ReLU mask flips in one engine, and the
// epoch-1 grad_norm then differs by 1.6e-5 > the spec's rtol 1e-5. That is a finding about spec §1.7's class-S
// tolerance for cross-engine replicas (reported to the lead), not an engine bug: with identical params the engines'
// gradients agree to 2e-7.
const withoutTiming = (r: ResultEnvelope): string => canonicalJson({ ...r, timing: null });

let ort: MlpEngine;
let ortResult: ResultEnvelope;
beforeAll(async () => {
  ort = await createOrtWasmEngine();
  ortResult = await lazyVsFeatureLearning.run(INPUT, createTestContext(ort).ctx);
});

describe('E1 on ORT wasm', () => {
  test('a replica on ORT wasm is equivalent to one on ts-ref, and passes the per-result checks', async () => {
    const ref = await lazyVsFeatureLearning.run(INPUT, createTestContext(createReferenceEngine()).ctx);
    expect(ortResult.impl.engine).toBe('wasm-simd');
    expect(lazyVsFeatureLearning.compare(ref, ortResult)).toEqual({ type: 'equivalent' });
    expect(lazyVsFeatureLearning.check(INPUT, ortResult)).toEqual({ type: 'ok' });
  });

  test.each([1, 4])('a stop at epoch boundary %i and a resume end bit-identical to a straight ORT run', async (k) => {
    const first = createTestContext(ort, { stopAt: k });
    await expect(lazyVsFeatureLearning.run(INPUT, first.ctx)).rejects.toThrow('stop requested');
    const resumed = await lazyVsFeatureLearning.run(INPUT, createTestContext(ort, { resumed: first.saved[0] }).ctx);
    expect(withoutTiming(resumed)).toBe(withoutTiming(ortResult));
  });
});
