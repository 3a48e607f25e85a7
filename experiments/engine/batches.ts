import type { Batch } from './mlp-engine.ts';
import { permutation } from './rng.ts';
import type { LabelledSet } from './t1-dataset.ts';

/**
 * The mini-batches of epoch `epoch` (1-based) of spec §1.4: the permutation of stream `shuffle/e<epoch>` (keyed by
 * the WU seed) cut into consecutive batches of `batchSize`; the last batch is the remainder, used as is.
 */
export function epochBatches(set: LabelledSet, seed: number, epoch: number, batchSize: number): Batch[] {
  return batchesFromOrder(set, permutation(seed, `shuffle/e${epoch}`, set.n), batchSize);
}

/** Gathers the rows of `order` into consecutive batches of `batchSize` (the last one shorter if needed). */
export function batchesFromOrder(set: LabelledSet, order: Uint32Array, batchSize: number): Batch[] {
  const d = set.x.length / set.n;
  const out: Batch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const n = Math.min(batchSize, order.length - start);
    const x = new Float32Array(n * d);
    const labels = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const src = order[start + r] ?? 0;
      x.set(set.x.subarray(src * d, src * d + d), r * d);
      labels[r] = set.labels[src] ?? 0;
    }
    out.push({ x, labels, n });
  }
  return out;
}
