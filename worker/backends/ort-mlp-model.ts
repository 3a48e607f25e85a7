import type * as Ort from 'onnxruntime-web/wasm';
import type { CancelSignal } from '../../shared/cancel.ts';
import type {
  Batch, ForwardOutput, GradientOutput, MlpModel, MlpParams, MlpShape,
} from '../../experiments/engine/mlp-engine.ts';
import type { MlpGraph, MlpGraphKind } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { MlpGraphKind as Kind } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { assertBatchFits, assertParamsFit } from '../../experiments/engine/reference/param-shapes.ts';
import type { OrtQueue } from './ort-queue.ts';
import { planBatchRuns, stackInputs, stackOneHot } from './ort-batch-plan.ts';

/** What a model needs from its engine: the ORT module, the shared queue and the cached sessions. */
export interface OrtModelDeps {
  readonly ort: typeof Ort;
  readonly queue: OrtQueue;
  /** The session for `kind` at this model's shape (created once per engine and shape, then cached). */
  session(kind: MlpGraphKind): Promise<{ session: Ort.InferenceSession; graph: MlpGraph }>;
  /** Longest run of equal-size batches handed to one Loop `run()`. */
  readonly maxLoopSteps: number;
}

function float32Of(tensor: Ort.Tensor | undefined, name: string): Float32Array {
  if (tensor === undefined) throw new Error(`ORT returned no output '${name}'`);
  const data = tensor.data;
  if (!(data instanceof Float32Array)) throw new Error(`ORT output '${name}' is ${tensor.type}, expected float32`);
  return data;
}

/**
 * An MLP whose parameters live as ORT tensors between calls: each run's new-param outputs are fed straight into the
 * next run, with no conversion to `MlpParams`. Every ORT call goes through the engine's queue.
 */
export class OrtMlpModel implements MlpModel {
  readonly #deps: OrtModelDeps;
  readonly #shape: MlpShape;
  /** `W0, b0, W1, b1, …` (the graphs' parameter inputs, in order). */
  #params: Ort.Tensor[];
  #isDisposed = false;

  constructor(deps: OrtModelDeps, shape: MlpShape, init: MlpParams) {
    assertParamsFit(shape, init);
    this.#deps = deps;
    this.#shape = { sizes: [...shape.sizes], activation: shape.activation };
    this.#params = init.weights.flatMap((w, l) => {
      const fanIn = shape.sizes[l]!;
      const b = init.biases[l]!;
      return [
        new deps.ort.Tensor('float32', w.slice(), [b.length, fanIn]),
        new deps.ort.Tensor('float32', b.slice(), [b.length]),
      ];
    });
  }

  get #d(): number { return this.#shape.sizes[0]!; }
  get #classes(): number { return this.#shape.sizes[this.#shape.sizes.length - 1]!; }

  train(batches: readonly Batch[], lr: number, options?: { signal?: CancelSignal }): Promise<Float32Array> {
    return this.#deps.queue.run(async () => {
      this.#assertLive();
      // A call is atomic: the signal is seen before it starts, so an abort never leaves the params between two
      // batches of one call (a Loop run cannot be interrupted anyway).
      options?.signal?.throwIfAborted();
      for (const b of batches) assertBatchFits(this.#shape, b.x, b.n, b.labels);
      const losses = new Float32Array(batches.length);
      const lrTensor = new this.#deps.ort.Tensor('float32', Float32Array.of(lr), []);
      for (const run of planBatchRuns(batches, this.#deps.maxLoopSteps)) {
        const isLoop = run.count > 1;
        const { session, graph } = await this.#deps.session(isLoop ? Kind.trainLoop : Kind.trainStep);
        const batchDims = isLoop ? [run.count, run.n] : [run.n];
        const feeds = this.#paramFeeds(graph);
        feeds[isLoop ? 'Xs' : 'X'] = new this.#deps.ort.Tensor('float32', stackInputs(batches, run, this.#d), [...batchDims, this.#d]);
        feeds[isLoop ? 'Ys' : 'Y'] = new this.#deps.ort.Tensor('float32', stackOneHot(batches, run, this.#classes), [...batchDims, this.#classes]);
        feeds.lr = lrTensor;
        const out = await session.run(feeds);
        this.#params = this.#params.map((_, i) => {
          const name = graph.outputNames[i]!;
          const next = out[name];
          if (next === undefined) throw new Error(`ORT returned no output '${name}'`);
          return next;
        });
        const lossName = isLoop ? 'losses' : 'loss';
        losses.set(float32Of(out[lossName], lossName), run.start);
      }
      return losses;
    });
  }

  forward(x: Float32Array, n: number): Promise<ForwardOutput> {
    return this.#deps.queue.run(async () => {
      this.#assertLive();
      assertBatchFits(this.#shape, x, n);
      const { session, graph } = await this.#deps.session(Kind.forward);
      const feeds = this.#paramFeeds(graph);
      feeds.X = new this.#deps.ort.Tensor('float32', x.slice(), [n, this.#d]);
      const out = await session.run(feeds);
      const hidden = graph.outputNames.filter((o) => o !== 'logits').map((o) => float32Of(out[o], o));
      return { hidden, logits: float32Of(out.logits, 'logits') };
    });
  }

  gradient(batch: Batch): Promise<GradientOutput> {
    return this.#deps.queue.run(async () => {
      this.#assertLive();
      assertBatchFits(this.#shape, batch.x, batch.n, batch.labels);
      const { session, graph } = await this.#deps.session(Kind.gradient);
      const feeds = this.#paramFeeds(graph);
      const run = { start: 0, count: 1, n: batch.n };
      feeds.X = new this.#deps.ort.Tensor('float32', batch.x.slice(), [batch.n, this.#d]);
      feeds.Y = new this.#deps.ort.Tensor('float32', stackOneHot([batch], run, this.#classes), [batch.n, this.#classes]);
      const out = await session.run(feeds);
      const grads = graph.outputNames.filter((o) => o !== 'loss').map((o) => float32Of(out[o], o));
      return {
        grad: { weights: grads.filter((_, i) => i % 2 === 0), biases: grads.filter((_, i) => i % 2 === 1) },
        loss: float32Of(out.loss, 'loss')[0]!,
      };
    });
  }

  params(): Promise<MlpParams> {
    // Queued so a copy never races a pending train() that is about to replace the tensors.
    return this.#deps.queue.run(() => {
      this.#assertLive();
      const arrays = this.#params.map((t, i) => float32Of(t, `param ${i}`).slice());
      return Promise.resolve({ weights: arrays.filter((_, i) => i % 2 === 0), biases: arrays.filter((_, i) => i % 2 === 1) });
    });
  }

  dispose(): Promise<void> {
    return this.#deps.queue.run(() => {
      if (!this.#isDisposed) for (const t of this.#params) t.dispose();
      this.#isDisposed = true;
      this.#params = [];
      return Promise.resolve();
    });
  }

  #assertLive(): void {
    if (this.#isDisposed) throw new Error('this ORT model was disposed; create a new model');
  }

  #paramFeeds(graph: MlpGraph): Record<string, Ort.Tensor> {
    const feeds: Record<string, Ort.Tensor> = {};
    this.#params.forEach((t, i) => { feeds[graph.inputNames[i]!] = t; });
    return feeds;
  }
}
