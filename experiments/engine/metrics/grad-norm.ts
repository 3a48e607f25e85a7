import type { MlpParams } from '../mlp-engine.ts';

/** Global gradient norm over all parameters (weights and biases), float64 sum of squares. */
export function gradNorm(grad: MlpParams): number {
  let ss = 0;
  for (const part of [...grad.weights, ...grad.biases]) for (const v of part) ss += v * v;
  return Math.sqrt(ss);
}
