// Small float64 statistics of spec §1.6 used by E2: participation ratio and Spearman correlation.

/**
 * Participation ratio (Σλ)² / Σλ² of the eigenvalues of the covariance of `x` (n × p, row-major) — computed without
 * an eigendecomposition as tr(C)² / ||C||_F², which is the same number. 0 when every column is constant.
 */
export function participationRatio(x: Float32Array, n: number, p: number): number {
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] = (mean[j] ?? 0) + (x[i * p + j] ?? 0);
  for (let j = 0; j < p; j++) mean[j] = (mean[j] ?? 0) / n;
  const c = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = (x[i * p + j] ?? 0) - (mean[j] ?? 0);
    for (let a = 0; a < p; a++) {
      const ra = row[a] ?? 0;
      if (ra === 0) continue;
      for (let b = 0; b <= a; b++) c[a * p + b] = (c[a * p + b] ?? 0) + ra * (row[b] ?? 0);
    }
  }
  let trace = 0;
  let fro2 = 0;
  for (let a = 0; a < p; a++) {
    trace += c[a * p + a] ?? 0;
    for (let b = 0; b <= a; b++) fro2 += (a === b ? 1 : 2) * (c[a * p + b] ?? 0) ** 2;
  }
  return fro2 > 0 ? (trace * trace) / fro2 : 0;
}

/** 1-based ranks with ties given the mean of their ranks (spec §1.6). */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const out = new Array<number>(xs.length).fill(0);
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && order[e + 1]?.x === order[s]?.x) e++;
    const r = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) out[order[k]?.i ?? 0] = r;
    s = e + 1;
  }
  return out;
}

/** Pearson correlation in float64; null with fewer than 2 pairs or when either variable is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((a, v) => a + v, 0) / n;
  const my = ys.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Spearman correlation of spec §1.6: Pearson correlation of the tie-averaged ranks. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  return xs.length !== ys.length ? null : pearson(ranks(xs), ranks(ys));
}
