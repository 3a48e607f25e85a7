import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ResultEnvelope, SPEC_ID, WorkunitInput } from './envelope.ts';
import { ResultUpload } from './protocol/result-upload.ts';
import { WorkRequest } from './protocol/work.ts';
import { HostAttachRequest } from './protocol/host-attach.ts';

const arbInput = fc.record({
  experiment: fc.constant('lazy_vs_feature_learning' as const),
  spec: fc.constant(SPEC_ID),
  wu_id: fc.string({ minLength: 1, maxLength: 40 }),
  seed: fc.nat(),
  data_seed: fc.nat(),
  params: fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
  replica_of: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
});

describe('schemas at the edges', () => {
  test.prop([fc.jsonValue()])('safeParse never throws on any JSON value', (value) => {
    for (const schema of [WorkunitInput, ResultEnvelope, ResultUpload, WorkRequest, HostAttachRequest]) {
      expect(() => schema.safeParse(value)).not.toThrow();
    }
  });

  test.prop([arbInput])('a workunit input survives JSON and parses to itself', (input) => {
    expect(WorkunitInput.parse(JSON.parse(JSON.stringify(input)))).toEqual(JSON.parse(JSON.stringify(input)));
  });

  test('rejects non-finite numbers in a result envelope (NaN must be written as null)', () => {
    const base = {
      experiment: 'lazy_vs_feature_learning', spec: SPEC_ID, wu_id: 'w', seed: 1, data_seed: 2, params: {},
      impl: { engine: 'wasm-simd', version: 'x', precision: 'f32' },
      fingerprints: { x_train: null, labels: null, init: null, perm: null },
      canary: { losses: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }, summary: {}, curves: {}, status: 'ok',
      timing: { wall_s: 1, train_s: 1 }, flops: { model: 1, metrics: 1 },
    };
    expect(ResultEnvelope.safeParse(base).success).toBe(true);
    expect(ResultEnvelope.safeParse({ ...base, timing: { wall_s: Number.NaN, train_s: 1 } }).success).toBe(false);
    expect(ResultEnvelope.safeParse({ ...base, canary: { losses: [Infinity, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }).success).toBe(false);
    expect(ResultEnvelope.safeParse({ ...base, spec: 'axk-0.9' }).success).toBe(false);
  });
});
