import type { MlpParams, MlpShape } from '../mlp-engine.ts';

/** Number of dense layers of an MLP `sizes = [d, h_1, …, h_L, K]` (L + 1). */
export function layerCount(shape: MlpShape): number {
  return shape.sizes.length - 1;
}

/** `[fanIn, fanOut]` of dense layer `l`. */
export function layerDims(shape: MlpShape, l: number): [fanIn: number, fanOut: number] {
  const fanIn = shape.sizes[l];
  const fanOut = shape.sizes[l + 1];
  if (fanIn === undefined || fanOut === undefined) throw new Error(`layer ${l} out of range for sizes [${shape.sizes.join(', ')}]`);
  return [fanIn, fanOut];
}

/**
 * Throws unless `params` has one (fanOut × fanIn) weight matrix and one fanOut bias per layer of `shape`. A mismatch
 * is a caller bug (params built for another shape), so it fails loudly with what was expected and what came.
 */
export function assertParamsFit(shape: MlpShape, params: MlpParams): void {
  const layers = layerCount(shape);
  if (layers < 1 || shape.sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`MLP sizes must be ≥ 2 positive integers; got [${shape.sizes.join(', ')}]`);
  }
  if (params.weights.length !== layers || params.biases.length !== layers) {
    throw new Error(`expected ${layers} weight and bias arrays for sizes [${shape.sizes.join(', ')}]; ` +
      `got ${params.weights.length} and ${params.biases.length}`);
  }
  for (let l = 0; l < layers; l++) {
    const [fanIn, fanOut] = layerDims(shape, l);
    const w = params.weights[l]!;
    const b = params.biases[l]!;
    if (w.length !== fanIn * fanOut || b.length !== fanOut) {
      throw new Error(`layer ${l}: expected weights ${fanOut}×${fanIn} (${fanIn * fanOut}) and bias ${fanOut}; ` +
        `got ${w.length} and ${b.length}`);
    }
  }
}

/** Throws unless `batch` rows match the input width and labels are valid class indices. */
export function assertBatchFits(shape: MlpShape, x: Float32Array, n: number, labels?: Uint8Array): void {
  const d = shape.sizes[0]!;
  const classes = shape.sizes[shape.sizes.length - 1]!;
  if (!Number.isInteger(n) || n < 1 || x.length !== n * d) {
    throw new Error(`batch of n=${n} rows needs x of length ${n * d} (n × ${d}); got ${x.length}`);
  }
  if (labels !== undefined) {
    if (labels.length !== n) throw new Error(`batch of n=${n} rows needs ${n} labels; got ${labels.length}`);
    for (let i = 0; i < n; i++) {
      if (labels[i]! >= classes) throw new Error(`label ${labels[i]} at row ${i} is not a class index < ${classes}`);
    }
  }
}

/** A deep copy of `params` (the engines never hand out their own buffers). */
export function copyParams(params: MlpParams): MlpParams {
  return { weights: params.weights.map((w) => w.slice()), biases: params.biases.map((b) => b.slice()) };
}
