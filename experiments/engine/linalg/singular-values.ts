import { symmetricEigenvalues } from './symmetric-eigenvalues.ts';

/**
 * All min(rows, cols) singular values of a (rows × cols, row-major) matrix, descending, in float64 (spec §1.6: float64
 * SVD of the float32 matrix). Method: eigenvalues of the smaller Gram matrix (A Aᵀ or Aᵀ A, accumulated in float64)
 * by Householder + implicit QL, then s_i = sqrt(max(λ_i, 0)). Deterministic (sequential float64, no hypot).
 *
 * Accuracy: the Gram eigenvalues are exact to ~1e-15 s_1², so s_i has relative error ~1e-15 (s_1 / s_i)²: 1e-13 for a
 * condition number of 10, 1e-9 at 1,000. The spectra of spec §1.6 (erank, stable rank, MP edge, s_1/s_2) are
 * dominated by the large singular values and are unaffected; a value below ~1e-7 s_1 is not resolved (reads as ~0).
 */
export function singularValues(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  if (a.length !== rows * cols) throw new RangeError(`singularValues: expected ${rows * cols} entries, got ${a.length}`);
  const k = Math.min(rows, cols);
  const gram = new Float64Array(k * k);
  if (rows <= cols) {
    // G = A Aᵀ: dot products of rows.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += (a[i * cols + c] ?? 0) * (a[j * cols + c] ?? 0);
        gram[i * k + j] = s;
        gram[j * k + i] = s;
      }
    }
  } else {
    // G = Aᵀ A, accumulated row by row of A (cache-friendly for row-major storage).
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      for (let i = 0; i < cols; i++) {
        const ai = a[o + i] ?? 0;
        if (ai === 0) continue;
        for (let j = 0; j <= i; j++) gram[i * k + j] = (gram[i * k + j] ?? 0) + ai * (a[o + j] ?? 0);
      }
    }
    for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) gram[j * k + i] = gram[i * k + j] ?? 0;
  }
  const eig = symmetricEigenvalues(gram, k);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.sqrt(Math.max(eig[i] ?? 0, 0));
  return out;
}

/** FLOPs of one `singularValues` call by spec §1.8: an SVD of an m × n matrix (m ≥ n) counts as 14 m n². */
export function svdFlops(rows: number, cols: number): number {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  return 14 * m * n * n;
}
