/**
 * Linear CKA of spec §1.6 (Kornblith et al. 2019) in float64. Feature form ||YᵀX||²_F / (||XᵀX||_F ||YᵀY||_F) when
 * n ≥ max(p1, p2), else the equal Gram form tr(KL) / sqrt(tr(KK) tr(LL)), K = XXᵀ, L = YYᵀ, of the centred matrices.
 * An all-zero matrix after centring gives 0.
 */

/** A representation matrix: n rows of p values, row-major. */
export interface Representation {
  readonly values: Float32Array | Float64Array;
  readonly n: number;
  readonly p: number;
}

/** Column-centred copy, stored column-major (p columns of n values) so column dot products are contiguous. */
function centredColumns(m: Representation): Float64Array {
  const { values, n, p } = m;
  const out = new Float64Array(n * p);
  for (let c = 0; c < p; c++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += values[r * p + c] ?? 0;
    mean /= n;
    for (let r = 0; r < n; r++) out[c * n + r] = (values[r * p + c] ?? 0) - mean;
  }
  return out;
}

/** Column-centred copy, row-major. */
function centredRows(m: Representation): Float64Array {
  const cols = centredColumns(m);
  const out = new Float64Array(m.n * m.p);
  for (let c = 0; c < m.p; c++) for (let r = 0; r < m.n; r++) out[r * m.p + c] = cols[c * m.n + r] ?? 0;
  return out;
}

/**
 * Dot products of every column i of A with every column j of B (both column-major, `len` rows), passed to `sink(i, j,
 * dot)`; with `same` (A is B) only j ≤ i. Blocked 2 × 2 so each loaded value serves two products: this loop is most
 * of the metric time of a wide E1 workunit.
 */
function columnDots(a: Float64Array, na: number, b: Float64Array, nb: number, len: number, same: boolean,
  sink: (i: number, j: number, dot: number) => void): void {
  for (let i = 0; i < na; i += 2) {
    const i1 = i + 1 < na;
    const oa0 = i * len;
    const oa1 = (i1 ? i + 1 : i) * len;
    const jEnd = same ? Math.min(i + 2, nb) : nb;
    for (let j = 0; j < jEnd; j += 2) {
      const j1 = j + 1 < jEnd;
      const ob0 = j * len;
      const ob1 = (j1 ? j + 1 : j) * len;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let r = 0; r < len; r++) {
        const x0 = a[oa0 + r] as number; // in bounds: oa0 + r < na · len = a.length
        const x1 = a[oa1 + r] as number; // in bounds: as above
        const y0 = b[ob0 + r] as number; // in bounds: ob0 + r < nb · len = b.length
        const y1 = b[ob1 + r] as number; // in bounds: as above
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      if (!same || j <= i) sink(i, j, s00);
      if (j1 && (!same || j + 1 <= i)) sink(i, j + 1, s01);
      if (i1) {
        sink(i + 1, j, s10);
        if (j1) sink(i + 1, j + 1, s11);
      }
    }
  }
}

/** Σ_{a,b} (AᵀB)_{ab}² for column-major A (pa cols) and B (pb cols) of n rows; symmetric shortcut when A is B. */
function crossFrobSq(a: Float64Array, pa: number, b: Float64Array, pb: number, n: number): number {
  let total = 0;
  const same = a === b;
  columnDots(a, pa, b, pb, n, same, (i, j, dot) => {
    total += same && j !== i ? 2 * dot * dot : dot * dot;
  });
  return total;
}

/** Gram matrix XXᵀ (n × n, full) of row-major centred X with p columns (rows of X are the "columns" of Xᵀ). */
function gram(x: Float64Array, n: number, p: number): Float64Array {
  const k = new Float64Array(n * n);
  columnDots(x, n, x, n, p, true, (i, j, dot) => {
    k[i * n + j] = dot;
    k[j * n + i] = dot;
  });
  return k;
}

function frobDot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function ratio(num: number, selfX: number, selfY: number): number {
  if (selfX === 0 || selfY === 0) return 0;
  return num / Math.sqrt(selfX * selfY);
}

/** CKA in the feature form (spec: for n ≥ max(p1, p2)). */
export function ckaFeature(x: Representation, y: Representation): number {
  if (x.n !== y.n) throw new RangeError(`CKA needs the same rows: ${x.n} vs ${y.n}`);
  const cx = centredColumns(x);
  const cy = centredColumns(y);
  return ratio(crossFrobSq(cy, y.p, cx, x.p, x.n), crossFrobSq(cx, x.p, cx, x.p, x.n), crossFrobSq(cy, y.p, cy, y.p, x.n));
}

/** CKA in the Gram form (spec: for n < max(p1, p2)). */
export function ckaGram(x: Representation, y: Representation): number {
  if (x.n !== y.n) throw new RangeError(`CKA needs the same rows: ${x.n} vs ${y.n}`);
  const k = gram(centredRows(x), x.n, x.p);
  const l = gram(centredRows(y), y.n, y.p);
  return ratio(frobDot(k, l), frobDot(k, k), frobDot(l, l));
}

/** Linear CKA with the form chosen as spec §1.6 says. */
export function linearCka(x: Representation, y: Representation): number {
  return x.n < Math.max(x.p, y.p) ? ckaGram(x, y) : ckaFeature(x, y);
}

/**
 * CKA of many matrices against one fixed reference (a layer's epoch-0 activations), caching the reference's centred
 * form, self-similarity and (for the Gram form) its Gram matrix.
 */
export function createCkaReference(x: Representation): (y: Representation) => number {
  let gramCache: { k: Float64Array; kk: number } | undefined;
  let featureCache: { cx: Float64Array; xx: number } | undefined;
  return (y) => {
    if (y.n !== x.n) throw new RangeError(`CKA needs the same rows: ${x.n} vs ${y.n}`);
    if (x.n < Math.max(x.p, y.p)) {
      if (gramCache === undefined) {
        const k = gram(centredRows(x), x.n, x.p);
        gramCache = { k, kk: frobDot(k, k) };
      }
      const l = gram(centredRows(y), y.n, y.p);
      return ratio(frobDot(gramCache.k, l), gramCache.kk, frobDot(l, l));
    }
    if (featureCache === undefined) {
      const cx = centredColumns(x);
      featureCache = { cx, xx: crossFrobSq(cx, x.p, cx, x.p, x.n) };
    }
    const cy = centredColumns(y);
    return ratio(crossFrobSq(cy, y.p, featureCache.cx, x.p, x.n), featureCache.xx, crossFrobSq(cy, y.p, cy, y.p, y.n));
  };
}

/** FLOPs of one CKA evaluation by spec §1.8 (2mnk per product), for the metrics count. */
export function ckaFlops(n: number, p1: number, p2: number): number {
  return n < Math.max(p1, p2) ? 2 * n * n * (p1 + p2) + 6 * n * n : 2 * n * (p1 * p2 + p1 * p1 + p2 * p2);
}
