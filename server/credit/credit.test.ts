import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CREDIT_HALF_LIFE_S, creditForFlops, racFromLedger, updateRac } from './credit.ts';

const DAY = 86_400;

describe('creditForFlops', () => {
  test('1 credit = 4.32e11 FLOPs (the cobblestone); the fixture job of boinc.md §11.1 earns 0.0231', () => {
    expect(creditForFlops(4.32e11)).toBe(1);
    expect(creditForFlops(1e10)).toBeCloseTo(0.0231, 4);
    expect(creditForFlops(7.8e11)).toBeCloseTo(1.8056, 4); // E1 at default params
  });

  test('rejects a negative or non-finite estimate', () => {
    expect(() => creditForFlops(-1)).toThrow(RangeError);
    expect(() => creditForFlops(Number.NaN)).toThrow(RangeError);
  });

  test.prop([fc.double({ min: 0, max: 1e18, noNaN: true })])('is never negative and grows with the estimate', (f) => {
    expect(creditForFlops(f)).toBeGreaterThanOrEqual(0);
    expect(creditForFlops(f * 2)).toBeGreaterThanOrEqual(creditForFlops(f));
  });
});

describe('RAC', () => {
  test('a grant right after creation adds about W·ln2/7 (boinc.md §11.3)', () => {
    expect(racFromLedger([{ credit: 100, grantedAt: 1000 }], 1000, 1000)).toBeCloseTo((100 * Math.LN2) / 7, 6);
  });

  test('halves after one half-life without grants', () => {
    const now = racFromLedger([{ credit: 100, grantedAt: 0 }], 0, 0);
    expect(racFromLedger([{ credit: 100, grantedAt: 0 }], 0, CREDIT_HALF_LIFE_S)).toBeCloseTo(now / 2, 9);
  });

  test('a steady producer reaches 50 % of its daily rate after one week, 75 % after two, ~94 % after four', () => {
    let rac = { avg: 0, avgTimeS: 0 };
    const at: Record<number, number> = {};
    for (let day = 1; day <= 28; day++) {
      rac = updateRac(rac, day * DAY, 10); // 10 credits per day
      at[day] = rac.avg;
    }
    expect(at[7]! / 10).toBeCloseTo(0.5, 2);
    expect(at[14]! / 10).toBeCloseTo(0.75, 2);
    expect(at[28]! / 10).toBeCloseTo(0.9375, 2);
  });

  test.prop([fc.array(fc.record({ credit: fc.double({ min: 0, max: 1e4, noNaN: true }), grantedAt: fc.integer({ min: 0, max: 1e8 }) }), { maxLength: 20 }),
    fc.integer({ min: 0, max: 1e8 })])(
    'is never negative and does not depend on the order of ledger rows',
    (grants, extra) => {
      const now = Math.max(0, ...grants.map((g) => g.grantedAt)) + extra;
      const rac = racFromLedger(grants, 0, now);
      expect(rac).toBeGreaterThanOrEqual(0);
      expect(racFromLedger([...grants].reverse(), 0, now)).toBeCloseTo(rac, 6);
    },
  );
});
