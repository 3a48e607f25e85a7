import { describe, expect, test } from 'vitest';
import { openStream } from '../rng.ts';
import { ckaFeature, ckaGram, createCkaReference, linearCka, type Representation } from './linear-cka.ts';

function gaussian(seed: number, n: number, p: number): Representation {
  const s = openStream(seed, 'test/cka');
  return { values: Float64Array.from({ length: n * p }, () => s.normal()), n, p };
}

/** X -> a X Q with Q orthogonal (Gram-Schmidt of a Gaussian matrix). */
function rotateAndScale(x: Representation, a: number, seed: number): Representation {
  const { p, n } = x;
  const g = gaussian(seed, p, p).values;
  const q = new Float64Array(p * p); // columns of Q
  for (let c = 0; c < p; c++) {
    for (let r = 0; r < p; r++) q[c * p + r] = g[r * p + c]!;
    for (let k = 0; k < c; k++) {
      let dot = 0;
      for (let r = 0; r < p; r++) dot += q[c * p + r]! * q[k * p + r]!;
      for (let r = 0; r < p; r++) q[c * p + r]! -= dot * q[k * p + r]!;
    }
    let norm = 0;
    for (let r = 0; r < p; r++) norm += q[c * p + r]! ** 2;
    for (let r = 0; r < p; r++) q[c * p + r]! /= Math.sqrt(norm);
  }
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      let v = 0;
      for (let k = 0; k < p; k++) v += x.values[i * p + k]! * q[c * p + k]!;
      out[i * p + c] = a * v;
    }
  }
  return { values: out, n, p };
}

describe('linear CKA unit tests of spec §1.6', () => {
  test('CKA(X, X) = 1 in both forms', () => {
    const x = gaussian(1, 40, 12);
    expect(ckaFeature(x, x)).toBeCloseTo(1, 12);
    expect(ckaGram(x, x)).toBeCloseTo(1, 12);
  });
  test('invariant to X -> a X Q (a > 0, Q orthogonal)', () => {
    const x = gaussian(2, 60, 8);
    const y = gaussian(3, 60, 5);
    const xr = rotateAndScale(x, 3.7, 4);
    expect(linearCka(xr, y)).toBeCloseTo(linearCka(x, y), 12);
    expect(linearCka(xr, x)).toBeCloseTo(1, 12);
  });
  test('independent Gaussian X, Y with n >> p give about p / n', () => {
    const n = 2000;
    const p = 10;
    const c = linearCka(gaussian(5, n, p), gaussian(6, n, p));
    expect(c).toBeGreaterThan(0.4 * (p / n));
    expect(c).toBeLessThan(2.5 * (p / n));
  });
  test('the two forms agree to 1e-12 in float64', () => {
    for (const [n, p1, p2] of [[30, 5, 7], [20, 25, 40], [50, 50, 3]] as const) {
      const x = gaussian(7 + n, n, p1);
      const y = gaussian(8 + n, n, p2);
      expect(Math.abs(ckaFeature(x, y) - ckaGram(x, y))).toBeLessThan(1e-12);
    }
  });
  test('an all-zero matrix after centring gives 0, not NaN', () => {
    const x = gaussian(9, 10, 3);
    const constant: Representation = { values: new Float64Array(30).fill(2.5), n: 10, p: 3 };
    expect(ckaFeature(x, constant)).toBe(0);
    expect(ckaGram(constant, x)).toBe(0);
  });
  test('the cached reference gives the same value as linearCka in both regimes', () => {
    for (const p of [6, 40]) {
      const x = gaussian(10 + p, 30, p);
      const y = gaussian(11 + p, 30, p);
      expect(createCkaReference(x)(y)).toBeCloseTo(linearCka(x, y), 14);
    }
  });
});
