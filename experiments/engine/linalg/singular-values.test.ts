import { describe, expect, test } from 'vitest';
import { initSp } from '../init.ts';
import { openStream } from '../rng.ts';
import { singularValues } from './singular-values.ts';
import { symmetricEigenvalues } from './symmetric-eigenvalues.ts';

/** A deterministic random orthogonal n × n matrix: product of n Householder reflections of seeded normal vectors. */
function orthogonal(n: number, label: string): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const stream = openStream(7, label);
  for (let r = 0; r < n; r++) {
    const v = Float64Array.from({ length: n }, () => stream.normal());
    const vn = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    v.forEach((x, i) => (v[i] = x / vn));
    // Q ← Q (I − 2 v vᵀ)
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += (q[i * n + j] ?? 0) * (v[j] ?? 0);
      for (let j = 0; j < n; j++) q[i * n + j] = (q[i * n + j] ?? 0) - 2 * dot * (v[j] ?? 0);
    }
  }
  return q;
}

/** C = A (m × k) · B (k × n). */
function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) {
    const x = a[i * k + t] ?? 0;
    for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] ?? 0) + x * (b[t * n + j] ?? 0);
  }
  return c;
}

/** U (m × m) diag(s) (m × n) Vᵀ (n × n) with known singular values `s`. */
function withSingularValues(s: readonly number[], m: number, n: number, label: string): Float64Array {
  const u = orthogonal(m, `${label}/U`);
  const v = orthogonal(n, `${label}/V`);
  const d = new Float64Array(m * n);
  s.forEach((x, i) => (d[i * n + i] = x));
  return matmul(matmul(u, d, m, m, n), v, m, n, n);
}

const maxRelError = (got: ArrayLike<number>, want: readonly number[]): number =>
  Math.max(...want.map((w, i) => Math.abs((got[i] ?? Number.NaN) - w) / w));

describe('singularValues (float64, Gram + Householder/QL)', () => {
  test('diagonal and 2 × 2 cases are exact', () => {
    expect([...singularValues([3, 0, 0, 0, -5, 0], 2, 3)]).toEqual([5, 3]);
    // [[1, 1], [0, 1]]: singular values (sqrt 5 ± 1) / 2.
    const s = singularValues([1, 1, 0, 1], 2, 2);
    expect(s[0]).toBeCloseTo((Math.sqrt(5) + 1) / 2, 14);
    expect(s[1]).toBeCloseTo((Math.sqrt(5) - 1) / 2, 14);
  });

  test.each([[40, 40], [64, 20], [20, 64], [30, 7]])('known singular values of a %i × %i U diag(s) Vᵀ to 1e-10 relative', (m, n) => {
    const k = Math.min(m, n);
    const s = Array.from({ length: k }, (_, i) => 5 * 0.92 ** i); // condition number up to 26 (k = 40)
    const got = singularValues(withSingularValues(s, m, n, `${m}x${n}`), m, n);
    expect(got).toHaveLength(k);
    expect(maxRelError(got, s)).toBeLessThan(1e-10);
  });

  test('repeated singular values and exact rank deficiency', () => {
    const s = [2, 2, 2, 1, 1, 0, 0, 0];
    const got = singularValues(withSingularValues(s, 12, 8, 'rep'), 12, 8);
    s.forEach((w, i) => expect(Math.abs((got[i] ?? Number.NaN) - w)).toBeLessThan(1e-7));
  });

  test('orthogonal invariance: s(Q A R) = s(A) and s(Aᵀ) = s(A) for a He-init matrix', () => {
    const w = Float64Array.from(initSp(3, 'svd', [48, 48, 5]).weights[0] ?? []);
    const base = singularValues(w, 48, 48);
    const rotated = singularValues(matmul(matmul(orthogonal(48, 'Q'), w, 48, 48, 48), orthogonal(48, 'R'), 48, 48, 48), 48, 48);
    expect(maxRelError(rotated, [...base])).toBeLessThan(1e-10);
    const wt = new Float64Array(48 * 48);
    for (let i = 0; i < 48; i++) for (let j = 0; j < 48; j++) wt[j * 48 + i] = w[i * 48 + j] ?? 0;
    expect(maxRelError(singularValues(wt, 48, 48), [...base])).toBeLessThan(1e-12);
    // Σ s_i² = ||W||_F².
    const fro2 = w.reduce((a, x) => a + x * x, 0);
    expect(base.reduce((a, x) => a + x * x, 0)).toBeCloseTo(fro2, 9);
  });

  test('deterministic: the same input gives the same bits', () => {
    const w = initSp(5, 'det', [20, 64, 5]).weights[0] ?? new Float32Array();
    expect([...singularValues(w, 64, 20)]).toEqual([...singularValues(w.slice(), 64, 20)]);
  });
});

describe('symmetricEigenvalues', () => {
  test('a known symmetric tridiagonal (2 on the diagonal, −1 off it): λ_k = 2 − 2 cos(k π / (n + 1))', () => {
    const n = 30;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
    }
    const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((n - k) * Math.PI) / (n + 1)));
    const got = symmetricEigenvalues(a, n);
    want.forEach((w, i) => expect(Math.abs((got[i] ?? Number.NaN) - w)).toBeLessThan(1e-13));
    expect(a[1]).toBe(-1); // input untouched
  });

  test('negative eigenvalues are kept and sorted descending', () => {
    const got = symmetricEigenvalues(Float64Array.from([0, 1, 1, 0]), 2);
    expect(got[0]).toBeCloseTo(1, 15);
    expect(got[1]).toBeCloseTo(-1, 15);
  });
});
