import type { CancelSignal } from '../../shared/cancel.ts';

/** Hidden-layer activation (spec §1.4: default ReLU; E8 also uses tanh). */
export type Activation = 'relu' | 'tanh';

/** An MLP `sizes = [d, h_1, …, h_L, K]` with softmax cross-entropy loss (spec §1.4). */
export interface MlpShape {
  readonly sizes: readonly number[];
  readonly activation: Activation;
}

/**
 * Parameters in spec order: layer l has `weights[l]` of shape (fan_out × fan_in), row-major, and `biases[l]`
 * (fan_out). Structured-cloneable, so it can go into a checkpoint as is.
 */
export interface MlpParams {
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
}

/** A mini-batch: `n` rows of `x` (n × d, row-major float32) and their class labels. */
export interface Batch {
  readonly x: Float32Array;
  readonly labels: Uint8Array;
  readonly n: number;
}

export interface ForwardOutput {
  /** Post-activation of each hidden layer, (n × h_l) row-major. */
  readonly hidden: Float32Array[];
  /** Logits, (n × K) row-major. */
  readonly logits: Float32Array;
}

export interface GradientOutput {
  /** Gradient of the mean loss over the set, in the layout of `MlpParams`. */
  readonly grad: MlpParams;
  /** Mean loss over the set. */
  readonly loss: number;
}

/**
 * A model living inside an engine (params may stay in wasm or GPU memory between calls). Calls on one model are
 * sequential: the caller awaits each before the next.
 */
export interface MlpModel {
  /**
   * Plain SGD (`θ ← θ − lr·g`, g of the batch-mean loss) over `batches` in order; returns each step's batch loss.
   * Batches may differ in size (an epoch's short last batch).
   */
  train(batches: readonly Batch[], lr: number, options?: { signal?: CancelSignal }): Promise<Float32Array>;
  forward(x: Float32Array, n: number): Promise<ForwardOutput>;
  gradient(batch: Batch): Promise<GradientOutput>;
  /** A copy of the current parameters. */
  params(): Promise<MlpParams>;
  dispose(): Promise<void>;
}

/** What a kernel trains on. Implementations: the plain-TS reference (`ts-ref`) and onnxruntime-web (`wasm-simd`, `webgpu`). */
export interface MlpEngine {
  /** Engine name as written into the result's `impl.engine` (spec §1.1). */
  readonly name: 'ts-ref' | 'wasm-simd' | 'webgpu';
  /** Version string written into `impl.version`, e.g. `onnxruntime-web 1.30.0`. */
  readonly version: string;
  createModel(shape: MlpShape, init: MlpParams): Promise<MlpModel>;
}
