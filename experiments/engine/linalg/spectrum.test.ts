import { describe, expect, test } from 'vitest';
import { initSp } from '../init.ts';
import { effectiveRank, spectrumSummary } from './spectrum.ts';

// Spec E2 architectures (hidden widths; input 20, output 5) for the init checks of §1.4 / §1.6.
const SIZES = [[20, 64, 5], [20, 256, 5], [20, 64, 64, 5], [20, 256, 256, 5], [20, 64, 64, 64, 64, 5], [20, 128, 128, 128, 128, 5]];

describe('spectral summaries of spec §1.6', () => {
  test('erank: n equal singular values give n; one nonzero gives 1; the zero matrix gives 0', () => {
    expect(effectiveRank([2, 2, 2, 2])).toBeCloseTo(4, 14);
    expect(effectiveRank([3, 0, 0])).toBe(1);
    expect(effectiveRank([0, 0])).toBe(0);
  });

  test('stable rank, s1/s2 and MP edge of a diagonal matrix', () => {
    const s = spectrumSummary([3, 0, 0, 4], 2, 2);
    expect([...s.sv]).toEqual([4, 3]);
    expect(s.stableRank).toBeCloseTo(25 / 16, 14);
    expect(s.s1s2).toBeCloseTo(4 / 3, 14);
    expect(s.mpSigma2).toBeCloseTo(25 / 4, 14);
    expect(s.mpEdge).toBeCloseTo(2.5 * 2 * Math.SQRT2, 13);
    expect(spectrumSummary([1, 0, 0, 0], 2, 2).s1s2).toBeNull();
  });

  test('He init (3 seeds, every E2 shape): s_1 at the Marchenko–Pastur edge, erank ~0.80 n, no outliers', () => {
    const hiddenRatios: number[] = [];
    for (let seed = 0; seed < 3; seed++) {
      SIZES.forEach((sizes, a) => {
        initSp(seed, `A${a + 1}`, sizes).weights.forEach((w, l) => {
          const m = sizes[l + 1] ?? 0;
          const n = sizes[l] ?? 0;
          const s = spectrumSummary(w, m, n);
          expect(s.mpOutliers).toBe(0); // spec E2 check 3
          const ratio = (s.sv[0] ?? 0) / s.mpEdge;
          if (m >= 20 && n >= 20) {
            hiddenRatios.push(ratio);
            expect(ratio).toBeGreaterThanOrEqual(0.85); // spec E2 check 1 band
            expect(ratio).toBeLessThanOrEqual(1.12);
          }
          if (m === n) {
            expect(s.erank / n).toBeGreaterThanOrEqual(0.77); // spec E2 check 2 ([pt] 0.78-0.81)
            expect(s.erank / n).toBeLessThanOrEqual(0.83);
          }
          // Init variance ratio sigma² fan_in / g has expectation 1 (g = 2 hidden, 1 output).
          const g = l === sizes.length - 2 ? 1 : 2;
          expect(Math.abs((s.mpSigma2 * n) / g - 1)).toBeLessThan(5 * Math.sqrt(2 / (m * n)));
        });
      });
    }
    // [pt] 0.93-1.06 over these shapes: the ensemble mean sits inside that band.
    const mean = hiddenRatios.reduce((x, y) => x + y, 0) / hiddenRatios.length;
    expect(mean).toBeGreaterThan(0.93);
    expect(mean).toBeLessThan(1.06);
  });
});
