// Eigenvalues of a real symmetric matrix in float64: Householder reduction to tridiagonal form, then the implicit QL
// method with Wilkinson shifts (EISPACK tred1/tql1; Numerical Recipes tred2/tqli without eigenvectors). Purely
// sequential float64 arithmetic with Math.sqrt only (correctly rounded in every engine), so it is deterministic:
// the same input gives the same bits in Node, a Worker or any browser.

/** sqrt(a² + b²) without overflow or harmful underflow; written out because Math.hypot's rounding is engine-defined. */
function pythag(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) return x * Math.sqrt(1 + (y / x) * (y / x));
  return y === 0 ? 0 : y * Math.sqrt(1 + (x / y) * (x / y));
}

/**
 * Householder tridiagonalisation of the symmetric n × n matrix `a` (row-major, overwritten). Returns the diagonal
 * and the sub-diagonal (`off[i]` couples i and i + 1; `off[n - 1]` = 0).
 */
function tridiagonalize(a: Float64Array, n: number): { diag: Float64Array; off: Float64Array } {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += (a[i * n + k] ?? 0) ** 2;
    const x0 = a[(k + 1) * n + k] ?? 0;
    let tail2 = norm2 - x0 * x0;
    if (tail2 <= 0) continue; // column already tridiagonal below k + 1
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    // v = x − alpha e_1, normalised; H = I − 2 v vᵀ maps x to alpha e_1.
    v[k + 1] = x0 - alpha;
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k] ?? 0;
    tail2 += (v[k + 1] ?? 0) ** 2;
    const vn = Math.sqrt(tail2);
    for (let i = k + 1; i < n; i++) v[i] = (v[i] ?? 0) / vn;
    // p = A v and K = vᵀ A v on the trailing block; then A ← A − 2 v qᵀ − 2 q vᵀ with q = p − K v.
    let kk = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += (a[i * n + j] ?? 0) * (v[j] ?? 0);
      p[i] = s;
      kk += (v[i] ?? 0) * s;
    }
    for (let i = k + 1; i < n; i++) p[i] = (p[i] ?? 0) - kk * (v[i] ?? 0);
    for (let i = k + 1; i < n; i++) {
      const vi = v[i] ?? 0;
      const qi = p[i] ?? 0;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] ?? 0) - 2 * vi * (p[j] ?? 0) - 2 * qi * (v[j] ?? 0);
    }
    a[(k + 1) * n + k] = alpha;
    a[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      a[i * n + k] = 0;
      a[k * n + i] = 0;
    }
  }
  const diag = new Float64Array(n);
  const off = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = a[i * n + i] ?? 0;
    if (i + 1 < n) off[i] = a[(i + 1) * n + i] ?? 0;
  }
  return { diag, off };
}

/** Implicit QL with shifts on a symmetric tridiagonal matrix; `d` becomes the eigenvalues (unsorted). */
function tridiagonalQl(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] ?? 0) + Math.abs(d[m + 1] ?? 0);
        if (Math.abs(e[m] ?? 0) + dd === dd) break;
      }
      if (m === l) break;
      if (++iterations > 100) throw new Error('symmetricEigenvalues: QL iteration did not converge');
      let g = ((d[l + 1] ?? 0) - (d[l] ?? 0)) / (2 * (e[l] ?? 0));
      let r = pythag(g, 1);
      g = (d[m] ?? 0) - (d[l] ?? 0) + (e[l] ?? 0) / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * (e[i] ?? 0);
        const b = c * (e[i] ?? 0);
        r = pythag(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Recover from underflow: the matrix splits here.
          d[i + 1] = (d[i + 1] ?? 0) - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] ?? 0) - p;
        r = ((d[i] ?? 0) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l] = (d[l] ?? 0) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * All eigenvalues of the symmetric n × n matrix `a` (row-major; only symmetric input is meaningful), in descending
 * order, float64. `a` is not modified. Absolute accuracy about 1e-15 × the largest |eigenvalue|.
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`symmetricEigenvalues: expected ${n * n} entries, got ${a.length}`);
  const { diag, off } = tridiagonalize(a.slice(), n);
  tridiagonalQl(diag, off);
  return diag.sort().reverse();
}
