import type { Batch, MlpParams, MlpShape } from '../mlp-engine.ts';
import { layerCount, layerDims } from './param-shapes.ts';

/**
 * Seeded synthetic parameters and batches for engine tests and benchmarks. Not the spec's RNG streams (§1.2, those
 * live in engine/rng.ts): these only need to be deterministic and cheap. mulberry32; first value for seed 1 is
 * ≈ 0.6270739405881613.
 */
export function createSyntheticRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller over `uniform`. */
function normal(uniform: () => number): number {
  const u = 1 - uniform(); // (0, 1], so log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** He-normal hidden weights, 1/fan_in output weights (spec §1.4 SP), small non-zero biases to exercise their path. */
export function syntheticParams(shape: MlpShape, seed: number): MlpParams {
  const uniform = createSyntheticRandom(seed);
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  const layers = layerCount(shape);
  for (let l = 0; l < layers; l++) {
    const [fanIn, fanOut] = layerDims(shape, l);
    const std = Math.sqrt((l === layers - 1 ? 1 : 2) / fanIn);
    weights.push(Float32Array.from({ length: fanIn * fanOut }, () => std * normal(uniform)));
    biases.push(Float32Array.from({ length: fanOut }, () => 0.01 * normal(uniform)));
  }
  return { weights, biases };
}

/** `count` batches of `n` rows: standard-normal inputs and uniform labels. */
export function syntheticBatches(shape: MlpShape, n: number, count: number, seed: number): Batch[] {
  const uniform = createSyntheticRandom(seed);
  const d = shape.sizes[0]!;
  const classes = shape.sizes[shape.sizes.length - 1]!;
  return Array.from({ length: count }, () => ({
    x: Float32Array.from({ length: n * d }, () => normal(uniform)),
    labels: Uint8Array.from({ length: n }, () => Math.floor(uniform() * classes)),
    n,
  }));
}
