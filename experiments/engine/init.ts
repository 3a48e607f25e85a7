import type { MlpParams } from './mlp-engine.ts';
import { openStream } from './rng.ts';

/**
 * Standard-parametrisation (He) init of spec §1.4 for `sizes = [d, h_1, …, K]`: layer l's W (fan_out × fan_in,
 * row-major) is the normals of stream `init/<tag>/L<l>` (keyed by the WU seed) times sqrt(2 / fan_in) for hidden
 * layers and sqrt(1 / fan_in) for the output layer, computed in float64 and rounded once to float32; biases are 0.
 */
export function initSp(seed: number, tag: string, sizes: readonly number[]): MlpParams {
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  const layers = sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const fanIn = sizes[l] ?? 0;
    const fanOut = sizes[l + 1] ?? 0;
    const std = Math.sqrt((l === layers - 1 ? 1 : 2) / fanIn);
    const stream = openStream(seed, `init/${tag}/L${l}`);
    const w = new Float32Array(fanOut * fanIn);
    for (let i = 0; i < w.length; i++) w[i] = stream.normal() * std;
    weights.push(w);
    biases.push(new Float32Array(fanOut));
  }
  return { weights, biases };
}

/** Number of trainable parameters (weights and biases) of an MLP. */
export function parameterCount(sizes: readonly number[]): number {
  let p = 0;
  for (let l = 0; l + 1 < sizes.length; l++) p += ((sizes[l] ?? 0) + 1) * (sizes[l + 1] ?? 0);
  return p;
}

/** Number of weights (no biases) of an MLP. */
export function weightCount(sizes: readonly number[]): number {
  let n = 0;
  for (let l = 0; l + 1 < sizes.length; l++) n += (sizes[l] ?? 0) * (sizes[l + 1] ?? 0);
  return n;
}
