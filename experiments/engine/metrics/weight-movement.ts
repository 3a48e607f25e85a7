/** Relative weight movement of spec §1.6: total over all weight matrices and per layer (biases excluded). */
export interface WeightMovement {
  readonly total: number;
  readonly layers: number[];
}

/** `sqrt(Σ_l ||W_l(t) − W_l(0)||²) / sqrt(Σ_l ||W_l(0)||²)` and `||W_l(t) − W_l(0)|| / ||W_l(0)||`, in float64. */
export function weightMovement(initial: readonly Float32Array[], current: readonly Float32Array[]): WeightMovement {
  if (initial.length !== current.length) throw new RangeError(`layer count ${initial.length} != ${current.length}`);
  let diffAll = 0;
  let baseAll = 0;
  const layers = initial.map((w0, l) => {
    const w = current[l];
    if (w === undefined || w.length !== w0.length) throw new RangeError(`layer ${l}: shapes differ`);
    let diff = 0;
    let base = 0;
    for (let i = 0; i < w0.length; i++) {
      const a = w0[i] ?? 0;
      const d = (w[i] ?? 0) - a;
      diff += d * d;
      base += a * a;
    }
    diffAll += diff;
    baseAll += base;
    return Math.sqrt(diff) / Math.sqrt(base);
  });
  return { total: Math.sqrt(diffAll) / Math.sqrt(baseAll), layers };
}
