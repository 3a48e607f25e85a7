import { beforeAll, describe, expect, test } from 'vitest';
import { findExperiment } from '../../experiments/registry.ts';
import { Outcome, ServerState, ValidateState, WuErrorMask } from '../../shared/boinc-states.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { offTolerance, runRealKernel } from '../testing/envelopes.ts';
import { validateWorkunit, type ResultForValidation } from './validate-workunit.ts';

const experiment = findExperiment('lazy_vs_feature_learning')!;
const input: WorkunitInput = {
  experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'test/lvf-s3', seed: 3, data_seed: 20_260_302,
  params: { widths: [8, 16], epochs: 3 }, replica_of: null,
};
let honest: ResultEnvelope;
beforeAll(async () => {
  honest = await runRealKernel(input);
});

const wu = (over: Partial<Parameters<typeof validateWorkunit>[0]> = {}) => ({
  inputJson: JSON.stringify(input), minQuorum: 2, targetNresults: 2, maxSuccessResults: 5, canonicalResultid: null, ...over,
});
const reported = (id: number, output: unknown, validateState: number = ValidateState.INIT): ResultForValidation => ({
  id, serverState: ServerState.OVER, outcome: Outcome.SUCCESS, validateState,
  outputJson: typeof output === 'string' ? output : JSON.stringify(output),
});

describe('validateWorkunit with the real E1 checks', () => {
  test('two agreeing replicas make a quorum: both valid, the lower id canonical', () => {
    const d = validateWorkunit(wu(), [reported(1, honest), reported(2, honest)], experiment);
    expect(d.canonicalResultid).toBe(1);
    expect(d.newlyValid).toEqual([1, 2]);
    expect([...d.results.values()].every((r) => r.validateState === ValidateState.VALID)).toBe(true);
  });

  test('disagreeing replicas are inconclusive and ask for one more; past max_success_results the workunit errors', () => {
    const d = validateWorkunit(wu(), [reported(1, honest), reported(2, offTolerance(honest))], experiment);
    expect(d).toMatchObject({ canonicalResultid: null, targetNresults: 3, errorBits: 0, newlyValid: [] });
    expect(d.results.get(1)).toEqual({ validateState: ValidateState.INCONCLUSIVE });
    const capped = validateWorkunit(wu({ maxSuccessResults: 1 }), [reported(1, honest), reported(2, offTolerance(honest))], experiment);
    expect(capped.errorBits).toBe(WuErrorMask.TOO_MANY_SUCCESS_RESULTS);
  });

  test('a late result is compared with the canonical one', () => {
    const results = [{ ...reported(1, honest, ValidateState.VALID) }, reported(2, honest), reported(3, offTolerance(honest))];
    const d = validateWorkunit(wu({ canonicalResultid: 1 }), results, experiment);
    expect(d.newlyValid).toEqual([2]);
    expect(d.results.get(3)).toEqual({ validateState: ValidateState.INVALID });
    expect(d.results.has(1)).toBe(false);
  });

  test('an unreadable output is a VALIDATE_ERROR; a result failing sanity (broken canary) is INVALID', () => {
    const brokenCanary = { ...honest, canary: { losses: honest.canary.losses.map((l) => l * 1.1) } };
    expect(experiment.check(input, brokenCanary).type).toBe('failed');
    const d = validateWorkunit(wu({ minQuorum: 1, targetNresults: 1 }), [reported(1, '{"not":"an envelope"}'), reported(2, brokenCanary)], experiment);
    expect(d.results.get(1)).toEqual({ validateState: ValidateState.INVALID, outcome: Outcome.VALIDATE_ERROR });
    expect(d.results.get(2)).toEqual({ validateState: ValidateState.INVALID });
    expect(d.canonicalResultid).toBeNull();
  });

  test('nothing new reported: nothing decided', () => {
    const d = validateWorkunit(wu(), [reported(1, honest, ValidateState.INCONCLUSIVE)], experiment);
    expect(d.results.size).toBe(0);
    expect(d.targetNresults).toBe(2);
  });
});
