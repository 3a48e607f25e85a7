/**
 * Mean softmax cross-entropy over `n` rows of `logits` (n × classes) with the max-subtracted log-sum-exp (spec §1.3).
 * When `dLogits` is given it receives the gradient of the mean loss, `(softmax(z) − onehot(y)) / n`, in float32.
 * Per-row exp sums run in float64 (they are a reduction, and float32 storage is kept for the outputs).
 */
export function softmaxCrossEntropy(
  logits: Float32Array, labels: Uint8Array, n: number, classes: number, dLogits: Float32Array | null,
): number {
  let total = 0;
  const invN = 1 / n;
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[row + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[row + c]! - max);
    const label = labels[i]!;
    const logSumExp = max + Math.log(sum);
    total += logSumExp - logits[row + label]!;
    if (dLogits !== null) {
      for (let c = 0; c < classes; c++) {
        const p = Math.exp(logits[row + c]! - logSumExp);
        dLogits[row + c] = (p - (c === label ? 1 : 0)) * invN;
      }
    }
  }
  return Math.fround(total * invN);
}
