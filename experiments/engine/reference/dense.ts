/**
 * Dense-layer kernels in float32 for the reference engine. Every accumulator is a Float32Array element, so each
 * multiply-add rounds to float32 (spec §1.3: float32 arithmetic, any summation order). Loops run i-k-j: the innermost
 * loop walks two contiguous rows, which is what V8 optimises best.
 */

/**
 * `z[i, o] = b[o] + Σ_k x[i, k] · wT[k, o]` for `n` rows. `wT` is the weight matrix transposed (inDim × outDim), so the
 * inner loop is contiguous in both operands.
 */
export function denseForward(
  x: Float32Array, n: number, inDim: number, wT: Float32Array, b: Float32Array, outDim: number, z: Float32Array,
): void {
  for (let i = 0; i < n; i++) {
    const zRow = i * outDim;
    const xRow = i * inDim;
    for (let o = 0; o < outDim; o++) z[zRow + o] = b[o]!;
    for (let k = 0; k < inDim; k++) {
      const a = x[xRow + k]!;
      if (a === 0) continue; // post-ReLU inputs are often exactly 0; skipping adds nothing
      const wRow = k * outDim;
      for (let o = 0; o < outDim; o++) z[zRow + o] = z[zRow + o]! + a * wT[wRow + o]!;
    }
  }
}

/**
 * Weight and bias gradients of one layer: `dW[o, k] = Σ_i dz[i, o] · x[i, k]` (outDim × inDim, the `MlpParams`
 * layout) and `db[o] = Σ_i dz[i, o]`. Overwrites `dW` and `db`.
 */
export function denseWeightGrad(
  dz: Float32Array, x: Float32Array, n: number, inDim: number, outDim: number, dW: Float32Array, db: Float32Array,
): void {
  dW.fill(0);
  db.fill(0);
  for (let i = 0; i < n; i++) {
    const dzRow = i * outDim;
    const xRow = i * inDim;
    for (let o = 0; o < outDim; o++) {
      const g = dz[dzRow + o]!;
      if (g === 0) continue; // ReLU-masked rows contribute nothing
      db[o] = db[o]! + g;
      const wRow = o * inDim;
      for (let k = 0; k < inDim; k++) dW[wRow + k] = dW[wRow + k]! + g * x[xRow + k]!;
    }
  }
}

/** Gradient flowing into the layer's input: `dx[i, k] = Σ_o dz[i, o] · w[o, k]`, `w` in (outDim × inDim) layout. */
export function denseInputGrad(
  dz: Float32Array, w: Float32Array, n: number, inDim: number, outDim: number, dx: Float32Array,
): void {
  dx.fill(0, 0, n * inDim);
  for (let i = 0; i < n; i++) {
    const dzRow = i * outDim;
    const dxRow = i * inDim;
    for (let o = 0; o < outDim; o++) {
      const g = dz[dzRow + o]!;
      if (g === 0) continue;
      const wRow = o * inDim;
      for (let k = 0; k < inDim; k++) dx[dxRow + k] = dx[dxRow + k]! + g * w[wRow + k]!;
    }
  }
}

/** `out[k, o] = w[o, k]`: the transposed copy `denseForward` reads. */
export function transposeInto(w: Float32Array, outDim: number, inDim: number, out: Float32Array): void {
  for (let o = 0; o < outDim; o++) {
    const row = o * inDim;
    for (let k = 0; k < inDim; k++) out[k * outDim + o] = w[row + k]!;
  }
}
