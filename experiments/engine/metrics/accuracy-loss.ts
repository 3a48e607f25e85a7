/** Mean softmax cross-entropy and accuracy of a set of logits. */
export interface AccuracyLoss {
  readonly loss: number;
  readonly acc: number;
}

/**
 * From logits (n × K, row-major) and labels: mean cross-entropy with the max-subtracted log-sum-exp, in float64, and
 * accuracy with argmax ties going to the lowest index (spec §1.3).
 */
export function accuracyAndLoss(logits: Float32Array, labels: Uint8Array, k: number): AccuracyLoss {
  const n = labels.length;
  let lossSum = 0;
  let correct = 0;
  for (let s = 0; s < n; s++) {
    const o = s * k;
    let best = 0;
    let max = logits[o] ?? 0;
    for (let q = 1; q < k; q++) {
      const v = logits[o + q] ?? 0;
      if (v > max) {
        max = v;
        best = q;
      }
    }
    let sumExp = 0;
    for (let q = 0; q < k; q++) sumExp += Math.exp((logits[o + q] ?? 0) - max);
    const label = labels[s] ?? 0;
    lossSum += Math.log(sumExp) - ((logits[o + label] ?? 0) - max);
    if (best === label) correct++;
  }
  return { loss: lossSum / n, acc: correct / n };
}
