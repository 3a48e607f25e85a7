/** Weight entropy of spec §1.6 (Axiom's, reconstructed) and its normalised form. */
export interface WeightEntropy {
  /** H = −Σ p_i log p_i with p_i = |w_i| / Σ|w_j| over all weights, nats. */
  readonly h: number;
  /** H / log N. */
  readonly hNorm: number;
  /** N, the number of weights. */
  readonly count: number;
}

/** Entropy over all weight entries (no biases), float64; zero weights contribute 0. */
export function weightEntropy(weights: readonly Float32Array[]): WeightEntropy {
  // H = log S − (1/S) Σ |w| log |w| with S = Σ|w|: one pass instead of normalising first.
  let s = 0;
  let t = 0;
  let count = 0;
  for (const w of weights) {
    count += w.length;
    for (const v of w) {
      const a = Math.abs(v);
      if (a > 0) {
        s += a;
        t += a * Math.log(a);
      }
    }
  }
  const h = s === 0 ? 0 : Math.log(s) - t / s;
  return { h, hNorm: count > 1 ? h / Math.log(count) : 0, count };
}
