/** Least-squares slope of log y against log x (natural logs); null with fewer than 2 points or constant x. */
export function loglogSlope(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError(`x and y lengths differ: ${xs.length} vs ${ys.length}`);
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const n = lx.length;
  if (n < 2) return null;
  const mx = lx.reduce((a, v) => a + v, 0) / n;
  const my = ly.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((lx[i] ?? 0) - mx) * ((ly[i] ?? 0) - my);
    sxx += ((lx[i] ?? 0) - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return Number.isFinite(slope) ? slope : null;
}

/** Slopes of log y vs log x between neighbouring points (length n − 1). */
export function pairwiseLoglogSlopes(xs: readonly number[], ys: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    out.push(Math.log((ys[i + 1] ?? 0) / (ys[i] ?? 0)) / Math.log((xs[i + 1] ?? 0) / (xs[i] ?? 0)));
  }
  return out;
}
