import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkAgainstCanonical, checkSet, type Candidate, type ValidationRule } from './check-set.ts';

/** A toy experiment: the output is one number; sane when in [0, 100]; replicas agree within 0.1. */
const rule: ValidationRule<number> = {
  check: (v) => (v >= 0 && v <= 100 ? { type: 'ok' } : { type: 'failed', reasons: [`${v} out of range`] }),
  compare: (a, b) => (Math.abs(a - b) <= 0.1 ? { type: 'equivalent' } : { type: 'different', reasons: [`${a} vs ${b}`] }),
};

const candidates = (values: number[]): Candidate<number>[] => values.map((output, i) => ({ id: i + 1, output }));

/** Result sets that mix honest replicas (near 50), tampered ones (far), and insane ones (out of range). */
const arbResultSet = (minSize: number, maxSize: number) =>
  fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      output: fc.oneof(fc.double({ min: 49.96, max: 50.04, noNaN: true }), fc.double({ min: 60, max: 90, noNaN: true }),
        fc.constant(-1), fc.constant(500)),
    }),
    { selector: (r) => r.id, minLength: minSize, maxLength: maxSize },
  );

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

describe('checkSet', () => {
  test('one sane result with quorum 1 is canonical', () => {
    expect(checkSet(candidates([50]), rule, { quorum: 1 })).toEqual({ type: 'canonical', canonicalId: 1, valid: [1], invalid: [] });
  });

  test('a result failing sanity is invalid and does not count towards the quorum', () => {
    expect(checkSet(candidates([500, 50]), rule, { quorum: 2 })).toEqual({ type: 'below_quorum', pending: [2], invalid: [1] });
  });

  test('two disagreeing replicas at quorum 2 are inconclusive; a third breaks the tie', () => {
    expect(checkSet(candidates([50, 70]), rule, { quorum: 2 })).toEqual({ type: 'inconclusive', inconclusive: [1, 2], invalid: [] });
    expect(checkSet(candidates([50, 70, 50.05]), rule, { quorum: 2 }))
      .toEqual({ type: 'canonical', canonicalId: 1, valid: [1, 3], invalid: [2] });
  });

  test('a late result is compared with the canonical one', () => {
    expect(checkAgainstCanonical(50, 50.05, rule)).toBe('valid');
    expect(checkAgainstCanonical(50, 51, rule)).toBe('invalid');
    expect(checkAgainstCanonical(50, -1, rule)).toBe('invalid');
  });

  test.prop([arbResultSet(1, 7), fc.integer({ min: 1, max: 3 }), fc.integer()])(
    'the verdict does not depend on arrival order',
    (results, quorum, salt) => {
      const shuffled = [...results].sort((a, b) => ((a.id * 7919 + salt) % 101) - ((b.id * 7919 + salt) % 101));
      expect(checkSet(shuffled, rule, { quorum })).toEqual(checkSet(results, rule, { quorum }));
      expect(checkSet([...results].reverse(), rule, { quorum })).toEqual(checkSet(results, rule, { quorum }));
    },
  );

  test.prop([arbResultSet(1, 7), fc.integer({ min: 1, max: 4 })])(
    'no canonical result below quorum; the canonical one is valid and sane; every id gets exactly one verdict',
    (results, quorum) => {
      const verdict = checkSet(results, rule, { quorum });
      const all = sorted(results.map((r) => r.id));
      if (verdict.type === 'canonical') {
        expect(verdict.valid.length).toBeGreaterThanOrEqual(quorum);
        expect(verdict.valid).toContain(verdict.canonicalId);
        const canonical = results.find((r) => r.id === verdict.canonicalId)!;
        expect(rule.check(canonical.output).type).toBe('ok');
        expect(sorted([...verdict.valid, ...verdict.invalid])).toEqual(all);
      } else if (verdict.type === 'inconclusive') {
        expect(sorted([...verdict.inconclusive, ...verdict.invalid])).toEqual(all);
      } else {
        expect(verdict.pending.length).toBeLessThan(quorum);
        expect(sorted([...verdict.pending, ...verdict.invalid])).toEqual(all);
      }
    },
  );

  test.prop([fc.array(fc.double({ min: 49.96, max: 50.04, noNaN: true }), { minLength: 1, maxLength: 5 }),
    fc.double({ min: 60, max: 100, noNaN: true }), fc.integer({ min: 1, max: 3 })])(
    'a tampered output never validates against honest ones',
    (honest, tampered, quorum) => {
      const results = candidates([...honest, tampered]);
      const tamperedId = results.length;
      const verdict = checkSet(results, rule, { quorum });
      if (verdict.type === 'canonical') expect(verdict.valid).not.toContain(tamperedId);
      expect(checkAgainstCanonical(honest[0]!, tampered, rule)).toBe('invalid');
    },
  );
});
