import * as ort from 'onnxruntime-web/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, MlpEngine, MlpParams, MlpShape } from '../../experiments/engine/mlp-engine.ts';
import { createReferenceEngine } from '../../experiments/engine/reference/reference-engine.ts';
import { syntheticBatches, syntheticParams } from '../../experiments/engine/reference/synthetic-mlp.ts';
import type { MlpGraphKind } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { buildMlpGraph } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { OrtMlpModel } from './ort-mlp-model.ts';
import { createOrtQueue } from './ort-queue.ts';
import { ORT_WASM_VERSION, createOrtWasmEngine } from './ort-wasm.ts';

/** Largest |a − b| over all parameters. */
function maxParamDiff(a: MlpParams, b: MlpParams): number {
  let max = 0;
  for (const kind of ['weights', 'biases'] as const) {
    a[kind].forEach((arr, l) => arr.forEach((v, j) => { max = Math.max(max, Math.abs(v - b[kind][l]![j]!)); }));
  }
  return max;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, j) => Math.max(m, Math.abs(v - b[j]!)), 0);
}

const mlp = (w: number, activation: Activation = 'relu'): MlpShape => ({ sizes: [20, w, w, 5], activation });

let engine: MlpEngine;
beforeAll(async () => { engine = await createOrtWasmEngine(); });

describe('ORT wasm engine', () => {
  it('names itself wasm-simd with the version of the onnxruntime-web it runs', () => {
    expect(engine.name).toBe('wasm-simd');
    expect(ORT_WASM_VERSION).toBe(`onnxruntime-web ${ort.env.versions.web}`);
    expect(ort.env.wasm.numThreads).toBe(1);
  });

  // runtime.md §1.6: step-level agreement with the float32 oracle is ≤ 1.2e-7 on params at W ≤ 256.
  it.each([[8, 'relu'], [64, 'relu'], [256, 'relu'], [64, 'tanh']] as const)(
    'matches the reference for 5 single steps at width %i (%s)', async (w, activation) => {
      const shape = mlp(w, activation);
      const init = syntheticParams(shape, w);
      const batches = syntheticBatches(shape, 64, 5, 1000 + w);
      const ours = await engine.createModel(shape, init);
      const ref = await createReferenceEngine().createModel(shape, init);
      for (const b of batches) {
        const [lo] = await ours.train([b], 0.05);
        const [lr] = await ref.train([b], 0.05);
        expect(Math.abs(lo! - lr!)).toBeLessThanOrEqual(1e-5);
      }
      expect(maxParamDiff(await ours.params(), await ref.params())).toBeLessThanOrEqual(1e-6);
      await ours.dispose();
    });

  it('a Loop run of K steps equals K single-step runs, and an epoch of 31×64 + 16 matches the reference', async () => {
    const shape = mlp(64);
    const init = syntheticParams(shape, 5);
    const batches = [...syntheticBatches(shape, 64, 31, 6), ...syntheticBatches(shape, 16, 1, 7)];
    const looped = await engine.createModel(shape, init);
    const stepped = await engine.createModel(shape, init);
    const loopLosses = await looped.train(batches, 0.05); // 31 steps in one Loop run, then the short batch
    const stepLosses = new Float32Array(batches.length);
    for (let s = 0; s < batches.length; s++) stepLosses[s] = (await stepped.train([batches[s]!], 0.05))[0]!;
    expect(maxDiff(loopLosses, stepLosses)).toBeLessThanOrEqual(1e-6);
    expect(maxParamDiff(await looped.params(), await stepped.params())).toBeLessThanOrEqual(1e-6);

    const ref = await createReferenceEngine().createModel(shape, init);
    const refLosses = await ref.train(batches, 0.05);
    expect(maxDiff(loopLosses, refLosses)).toBeLessThanOrEqual(1e-5);
    expect(maxParamDiff(await looped.params(), await ref.params())).toBeLessThanOrEqual(1e-6);
  });

  it('runs an epoch as one Loop run of the 31 full batches plus one single step for the short batch', async () => {
    const shape = mlp(8);
    const runs: MlpGraphKind[] = [];
    const sessions = new Map<MlpGraphKind, Promise<ort.InferenceSession>>();
    const model = new OrtMlpModel({
      ort, queue: createOrtQueue(), maxLoopSteps: 64,
      session: async (kind) => {
        runs.push(kind);
        const graph = buildMlpGraph(kind, shape);
        if (!sessions.has(kind)) sessions.set(kind, ort.InferenceSession.create(graph.bytes));
        return { session: await sessions.get(kind)!, graph };
      },
    }, shape, syntheticParams(shape, 1));
    const losses = await model.train([...syntheticBatches(shape, 64, 31, 2), ...syntheticBatches(shape, 16, 1, 3)], 0.05);
    expect(runs).toEqual(['train-loop', 'train-step']);
    expect(losses.length).toBe(32);
    expect(losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
  });

  it.each(['relu', 'tanh'] as const)('forward and gradient agree with the reference (%s)', async (activation) => {
    const shape: MlpShape = { sizes: [20, 32, 16, 24, 5], activation }; // three hidden layers: depth is generic
    const init = syntheticParams(shape, 9);
    const [batch] = syntheticBatches(shape, 50, 1, 10);
    const ours = await engine.createModel(shape, init);
    const ref = await createReferenceEngine().createModel(shape, init);
    const [fo, fr] = [await ours.forward(batch!.x, 50), await ref.forward(batch!.x, 50)];
    expect(fo.hidden.length).toBe(3);
    fo.hidden.forEach((h, l) => expect(maxDiff(h, fr.hidden[l]!)).toBeLessThanOrEqual(1e-5));
    expect(maxDiff(fo.logits, fr.logits)).toBeLessThanOrEqual(1e-5);
    const [go, gr] = [await ours.gradient(batch!), await ref.gradient(batch!)];
    expect(Math.abs(go.loss - gr.loss)).toBeLessThanOrEqual(1e-5);
    expect(maxParamDiff(go.grad, gr.grad)).toBeLessThanOrEqual(1e-6);
    expect(maxParamDiff(go.grad, { weights: init.weights.map((w) => w.map(() => 0)), biases: init.biases.map((b) => b.map(() => 0)) }))
      .toBeGreaterThan(1e-3); // a real, non-zero gradient
  });

  it('gives bit-identical params and losses for the same call sequence', async () => {
    const shape = mlp(64);
    const init = syntheticParams(shape, 21);
    const batches = [...syntheticBatches(shape, 64, 7, 22), ...syntheticBatches(shape, 16, 1, 23)];
    const runOnce = async () => {
      const model = await engine.createModel(shape, init);
      const losses = [await model.train(batches, 0.05), await model.train(batches.slice(0, 3), 0.05)];
      return { losses, params: await model.params() };
    };
    const [a, b] = [await runOnce(), await runOnce()];
    expect(b.losses).toEqual(a.losses);
    expect(b.params).toEqual(a.params);
  });

  it('rejects a batch whose width does not fit and an aborted call, leaving the model usable', async () => {
    const shape = mlp(8);
    const model = await engine.createModel(shape, syntheticParams(shape, 1));
    const [good] = syntheticBatches(shape, 4, 1, 2);
    await expect(model.train([{ ...good!, x: new Float32Array(3) }], 0.05)).rejects.toThrow(/needs x of length 80/);
    await expect(model.train([good!], 0.05, { signal: AbortSignal.abort() })).rejects.toThrow();
    expect((await model.train([good!], 0.05)).length).toBe(1);
  });
});
