import { describe, expect, it } from 'vitest';
import type { Activation, Batch, MlpParams, MlpShape } from '../mlp-engine.ts';
import { createReferenceEngine } from './reference-engine.ts';
import { syntheticBatches, syntheticParams } from './synthetic-mlp.ts';

/** An independent float64 loss of the MLP, written directly from spec §1.4 (no shared code with the engine). */
function loss64(shape: MlpShape, p: { weights: Float64Array[]; biases: Float64Array[] }, batch: Batch): number {
  const layers = shape.sizes.length - 1;
  let total = 0;
  for (let i = 0; i < batch.n; i++) {
    let h = Array.from(batch.x.subarray(i * shape.sizes[0]!, (i + 1) * shape.sizes[0]!));
    for (let l = 0; l < layers; l++) {
      const fanIn = shape.sizes[l]!;
      const fanOut = shape.sizes[l + 1]!;
      const z = Array.from({ length: fanOut }, (_, o) => {
        let s = p.biases[l]![o]!;
        for (let k = 0; k < fanIn; k++) s += p.weights[l]![o * fanIn + k]! * h[k]!;
        return s;
      });
      h = l === layers - 1 ? z : z.map((v) => (shape.activation === 'relu' ? Math.max(v, 0) : Math.tanh(v)));
    }
    const max = Math.max(...h);
    const lse = max + Math.log(h.reduce((s, v) => s + Math.exp(v - max), 0));
    total += lse - h[batch.labels[i]!]!;
  }
  return total / batch.n;
}

function toF64(p: MlpParams): { weights: Float64Array[]; biases: Float64Array[] } {
  return { weights: p.weights.map((w) => Float64Array.from(w)), biases: p.biases.map((b) => Float64Array.from(b)) };
}

describe.each<Activation>(['relu', 'tanh'])('ts-ref with %s', (activation) => {
  const shape: MlpShape = { sizes: [4, 6, 5, 3], activation };
  const init = syntheticParams(shape, 7);
  const [batch] = syntheticBatches(shape, 9, 1, 11);

  it('gradient matches float64 central finite differences of the mean loss', async () => {
    const model = await createReferenceEngine().createModel(shape, init);
    const { grad, loss } = await model.gradient(batch!);
    const p64 = toF64(init);
    expect(loss).toBeCloseTo(loss64(shape, p64, batch!), 5);
    const eps = 1e-6;
    let checked = 0;
    for (const kind of ['weights', 'biases'] as const) {
      for (let l = 0; l < p64[kind].length; l++) {
        const arr = p64[kind][l]!;
        for (let j = 0; j < arr.length; j++) {
          const saved = arr[j]!;
          arr[j] = saved + eps;
          const up = loss64(shape, p64, batch!);
          arr[j] = saved - eps;
          const down = loss64(shape, p64, batch!);
          arr[j] = saved;
          const numeric = (up - down) / (2 * eps);
          // float32 engine vs float64 differences: abs 2e-5 is ~100× float32 rounding on these O(0.1) gradients
          expect(Math.abs(grad[kind][l]![j]! - numeric)).toBeLessThan(2e-5);
          checked++;
        }
      }
    }
    expect(checked).toBe(4 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3);
  });

  it('SGD decreases the loss on a fixed batch', async () => {
    const model = await createReferenceEngine().createModel(shape, init);
    const losses = await model.train(Array.from({ length: 50 }, () => batch!), 0.1);
    expect(losses.length).toBe(50);
    expect(losses[49]!).toBeLessThan(0.5 * losses[0]!);
  });
});

describe('ts-ref training semantics', () => {
  const shape: MlpShape = { sizes: [5, 8, 8, 4], activation: 'relu' };
  const init = syntheticParams(shape, 3);

  it('one SGD step is θ − lr·g of the batch gradient, for batches of different sizes', async () => {
    for (const n of [1, 16, 64]) {
      const [batch] = syntheticBatches(shape, n, 1, 100 + n);
      const probe = await createReferenceEngine().createModel(shape, init);
      const { grad, loss } = await probe.gradient(batch!);
      const model = await createReferenceEngine().createModel(shape, init);
      const losses = await model.train([batch!], 0.05);
      expect(losses[0]).toBe(loss);
      const after = await model.params();
      const lr32 = Math.fround(0.05);
      for (let l = 0; l < 3; l++) {
        const expected = init.weights[l]!.map((w, j) => w - Math.fround(lr32 * grad.weights[l]![j]!));
        expect(after.weights[l]).toEqual(expected);
      }
    }
  });

  it('trains an epoch of 31 batches of 64 plus one of 16 and the mixed sizes give finite, falling losses', async () => {
    const full = syntheticBatches(shape, 64, 31, 1);
    const [short] = syntheticBatches(shape, 16, 1, 2);
    const model = await createReferenceEngine().createModel(shape, init);
    const first = await model.train([...full, short!], 0.05);
    const later = await model.train([...full, short!], 0.05);
    expect(first.length).toBe(32);
    expect(first.every(Number.isFinite)).toBe(true);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(later)).toBeLessThan(mean(first));
  });

  it('forward returns hidden post-activations and logits of the right sizes', async () => {
    const model = await createReferenceEngine().createModel(shape, init);
    const [batch] = syntheticBatches(shape, 3, 1, 5);
    const out = await model.forward(batch!.x, 3);
    expect(out.hidden.map((h) => h.length)).toEqual([24, 24]);
    expect(out.hidden.every((h) => h.every((v) => v >= 0))).toBe(true);
    expect(out.logits.length).toBe(12);
  });

  it('rejects params of the wrong shape and does not share buffers with the caller', async () => {
    const engine = createReferenceEngine();
    await expect(engine.createModel({ ...shape, sizes: [5, 9, 8, 4] }, init)).rejects.toThrow(/expected weights 9×5/);
    const model = await engine.createModel(shape, init);
    const copy = await model.params();
    copy.weights[0]![0] = 123;
    expect((await model.params()).weights[0]![0]).toBe(init.weights[0]![0]);
  });
});
