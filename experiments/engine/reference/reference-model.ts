import type { CancelSignal } from '../../../shared/cancel.ts';
import type { Batch, ForwardOutput, GradientOutput, MlpModel, MlpParams, MlpShape } from '../mlp-engine.ts';
import { denseForward, denseInputGrad, denseWeightGrad, transposeInto } from './dense.ts';
import { assertBatchFits, assertParamsFit, copyParams, layerCount, layerDims } from './param-shapes.ts';
import { softmaxCrossEntropy } from './softmax-cross-entropy.ts';

/** Runs `fn` now and turns a throw into a rejection, so callers see one failure path. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

/**
 * The plain-TypeScript float32 MLP (`ts-ref`): the fallback engine and the oracle every other engine is tested
 * against. All buffers are preallocated and grow only when a larger batch arrives, so a step allocates nothing.
 */
export class ReferenceModel implements MlpModel {
  readonly #shape: MlpShape;
  readonly #layers: number;
  readonly #w: Float32Array[];
  readonly #b: Float32Array[];
  /** Transposed weights (fanIn × fanOut), refreshed after each update; the forward pass reads these. */
  readonly #wT: Float32Array[];
  readonly #gW: Float32Array[];
  readonly #gB: Float32Array[];
  /** Pre-activations `z[l]` and post-activations `a[l]` (n × fanOut); the last `z` holds the logits. */
  #z: Float32Array[] = [];
  #a: Float32Array[] = [];
  /** Loss gradient w.r.t. each layer's pre-activation. */
  #delta: Float32Array[] = [];
  #capacity = 0;
  #isDisposed = false;

  constructor(shape: MlpShape, init: MlpParams) {
    assertParamsFit(shape, init);
    this.#shape = { sizes: [...shape.sizes], activation: shape.activation };
    this.#layers = layerCount(shape);
    const own = copyParams(init);
    this.#w = own.weights;
    this.#b = own.biases;
    this.#wT = this.#w.map((w) => new Float32Array(w.length));
    this.#gW = this.#w.map((w) => new Float32Array(w.length));
    this.#gB = this.#b.map((b) => new Float32Array(b.length));
    for (let l = 0; l < this.#layers; l++) this.#refreshTranspose(l);
  }

  train(batches: readonly Batch[], lr: number, options?: { signal?: CancelSignal }): Promise<Float32Array> {
    return settle(() => this.#train(batches, lr, options?.signal));
  }

  forward(x: Float32Array, n: number): Promise<ForwardOutput> {
    return settle(() => this.#forwardCopy(x, n));
  }

  gradient(batch: Batch): Promise<GradientOutput> {
    return settle(() => {
      this.#assertLive();
      assertBatchFits(this.#shape, batch.x, batch.n, batch.labels);
      const loss = this.#forwardBackward(batch);
      return { grad: copyParams({ weights: this.#gW, biases: this.#gB }), loss };
    });
  }

  params(): Promise<MlpParams> {
    return settle(() => {
      this.#assertLive();
      return copyParams({ weights: this.#w, biases: this.#b });
    });
  }

  dispose(): Promise<void> {
    this.#isDisposed = true;
    return Promise.resolve();
  }

  #train(batches: readonly Batch[], lr: number, signal: CancelSignal | undefined): Float32Array {
    this.#assertLive();
    // A call is atomic: the signal is seen before it starts, so an abort never leaves params between two batches of
    // a call (the ORT engine cannot stop inside a Loop run either).
    signal?.throwIfAborted();
    const losses = new Float32Array(batches.length);
    const lr32 = Math.fround(lr); // engines receive lr as a float32 scalar
    for (let s = 0; s < batches.length; s++) {
      const batch = batches[s]!;
      assertBatchFits(this.#shape, batch.x, batch.n, batch.labels);
      losses[s] = this.#forwardBackward(batch);
      this.#applySgd(lr32);
    }
    return losses;
  }

  #forwardCopy(x: Float32Array, n: number): ForwardOutput {
    this.#assertLive();
    assertBatchFits(this.#shape, x, n);
    this.#forward(x, n);
    const hidden = this.#a.slice(0, this.#layers - 1).map((a, l) => a.slice(0, n * layerDims(this.#shape, l)[1]));
    const logits = this.#z[this.#layers - 1]!.slice(0, n * layerDims(this.#shape, this.#layers - 1)[1]);
    return { hidden, logits };
  }

  #assertLive(): void {
    if (this.#isDisposed) throw new Error('this ReferenceModel was disposed; create a new model');
  }

  #ensureCapacity(n: number): void {
    if (n <= this.#capacity) return;
    const widths = Array.from({ length: this.#layers }, (_, l) => layerDims(this.#shape, l)[1]);
    this.#z = widths.map((w) => new Float32Array(n * w));
    this.#a = widths.map((w) => new Float32Array(n * w));
    this.#delta = widths.map((w) => new Float32Array(n * w));
    this.#capacity = n;
  }

  /** Fills `#z` and `#a` for `n` rows of `x`. */
  #forward(x: Float32Array, n: number): void {
    this.#ensureCapacity(n);
    const isRelu = this.#shape.activation === 'relu';
    let input = x;
    for (let l = 0; l < this.#layers; l++) {
      const [fanIn, fanOut] = layerDims(this.#shape, l);
      const z = this.#z[l]!;
      denseForward(input, n, fanIn, this.#wT[l]!, this.#b[l]!, fanOut, z);
      if (l === this.#layers - 1) break;
      const a = this.#a[l]!;
      const count = n * fanOut;
      if (isRelu) for (let j = 0; j < count; j++) a[j] = z[j]! > 0 ? z[j]! : 0;
      else for (let j = 0; j < count; j++) a[j] = Math.tanh(z[j]!);
      input = a;
    }
  }

  /** Forward and backward over one batch: leaves the mean-loss gradient in `#gW`/`#gB` and returns the loss. */
  #forwardBackward(batch: Batch): number {
    const { x, labels, n } = batch;
    this.#forward(x, n);
    const last = this.#layers - 1;
    const classes = layerDims(this.#shape, last)[1];
    const loss = softmaxCrossEntropy(this.#z[last]!, labels, n, classes, this.#delta[last]!);
    const isRelu = this.#shape.activation === 'relu';
    for (let l = last; l >= 0; l--) {
      const [fanIn, fanOut] = layerDims(this.#shape, l);
      const input = l === 0 ? x : this.#a[l - 1]!;
      denseWeightGrad(this.#delta[l]!, input, n, fanIn, fanOut, this.#gW[l]!, this.#gB[l]!);
      if (l === 0) break;
      const dIn = this.#delta[l - 1]!;
      denseInputGrad(this.#delta[l]!, this.#w[l]!, n, fanIn, fanOut, dIn);
      const count = n * fanIn;
      if (isRelu) {
        const z = this.#z[l - 1]!;
        for (let j = 0; j < count; j++) if (!(z[j]! > 0)) dIn[j] = 0; // ReLU'(0) = 0 (spec §1.3)
      } else {
        const a = this.#a[l - 1]!;
        for (let j = 0; j < count; j++) dIn[j] = dIn[j]! * Math.fround(1 - a[j]! * a[j]!);
      }
    }
    return loss;
  }

  /** `θ ← θ − lr·g`, rounding `lr·g` to float32 as a float32 Mul then Sub would; refreshes `#wT` in the same pass. */
  #applySgd(lr32: number): void {
    for (let l = 0; l < this.#layers; l++) {
      const [fanIn, fanOut] = layerDims(this.#shape, l);
      const w = this.#w[l]!;
      const wT = this.#wT[l]!;
      const g = this.#gW[l]!;
      for (let o = 0; o < fanOut; o++) {
        const row = o * fanIn;
        for (let k = 0; k < fanIn; k++) {
          const v = Math.fround(w[row + k]! - Math.fround(lr32 * g[row + k]!));
          w[row + k] = v;
          wT[k * fanOut + o] = v;
        }
      }
      const b = this.#b[l]!;
      const gb = this.#gB[l]!;
      for (let j = 0; j < b.length; j++) b[j] = b[j]! - Math.fround(lr32 * gb[j]!);
    }
  }

  #refreshTranspose(l: number): void {
    const [fanIn, fanOut] = layerDims(this.#shape, l);
    transposeInto(this.#w[l]!, fanOut, fanIn, this.#wT[l]!);
  }
}
