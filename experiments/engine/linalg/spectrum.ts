import { singularValues } from './singular-values.ts';

/** The spectral summaries of spec §1.6 for one matrix. */
export interface SpectrumSummary {
  /** All singular values, descending. */
  readonly sv: Float64Array;
  /** Roy–Vetterli effective rank exp(−Σ q_i log q_i), q_i = s_i / Σ s (0 for the zero matrix). */
  readonly erank: number;
  /** ||W||_F² / s_1² (0 for the zero matrix). */
  readonly stableRank: number;
  /** s_1 / s_2, or null when s_2 = 0 (or the matrix has one singular value). */
  readonly s1s2: number | null;
  /** Marchenko–Pastur scale sigma² = ||W||_F² / (m n). */
  readonly mpSigma2: number;
  /** MP bulk edge s_+ = sigma (sqrt(m) + sqrt(n)). */
  readonly mpEdge: number;
  /** #{ s_i > s_+ (1 + tau) }, tau = 0.1, or 0.2 when a side is < 10. */
  readonly mpOutliers: number;
}

/** Effective rank of spec §1.6 from singular values (any order). */
export function effectiveRank(sv: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < sv.length; i++) total += sv[i] ?? 0;
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < sv.length; i++) {
    const q = (sv[i] ?? 0) / total;
    if (q > 0) h -= q * Math.log(q);
  }
  return Math.exp(h);
}

/** MP outlier threshold tau of spec §1.6. */
export function mpTau(rows: number, cols: number): number {
  return Math.min(rows, cols) < 10 ? 0.2 : 0.1;
}

/** Spectra of spec §1.6 for a (rows × cols, row-major) matrix, computed in float64. */
export function spectrumSummary(a: ArrayLike<number>, rows: number, cols: number): SpectrumSummary {
  const sv = singularValues(a, rows, cols);
  let fro2 = 0;
  for (let i = 0; i < a.length; i++) fro2 += (a[i] ?? 0) ** 2;
  const s1 = sv[0] ?? 0;
  const s2 = sv[1] ?? 0;
  const mpSigma2 = fro2 / (rows * cols);
  const mpEdge = Math.sqrt(mpSigma2) * (Math.sqrt(rows) + Math.sqrt(cols));
  const limit = mpEdge * (1 + mpTau(rows, cols));
  let mpOutliers = 0;
  for (const s of sv) if (s > limit) mpOutliers++;
  return {
    sv, erank: effectiveRank(sv), stableRank: s1 > 0 ? fro2 / (s1 * s1) : 0, s1s2: s2 > 0 ? s1 / s2 : null,
    mpSigma2, mpEdge, mpOutliers,
  };
}
