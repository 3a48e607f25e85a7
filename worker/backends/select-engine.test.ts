import { expect, test } from 'vitest';
import type { MlpEngine } from '../../experiments/engine/mlp-engine.ts';
import { selectEngine } from './select-engine.ts';

const working: MlpEngine = {
  name: 'ts-ref', version: 'test',
  createModel: () => Promise.resolve({
    train: () => Promise.resolve(new Float32Array(0)),
    forward: () => Promise.resolve({ hidden: [], logits: new Float32Array(0) }),
    gradient: () => Promise.resolve({ grad: { weights: [], biases: [] }, loss: 0 }),
    params: () => Promise.resolve({ weights: [], biases: [] }),
    dispose: () => Promise.resolve(),
  }),
};
const broken: MlpEngine = { name: 'wasm-simd', version: 'test', createModel: () => Promise.reject(new Error('wasm compile failed')) };

test('falls back to the next backend when the preferred one cannot build a model, and says why', async () => {
  const selected = await selectEngine([
    { backend: 'ort-wasm', adapter: 'none', create: () => broken },
    { backend: 'reference', adapter: 'none', create: () => working },
  ]);
  expect(selected.backend).toBe('reference');
  expect(selected.failures).toEqual(['ort-wasm: wasm compile failed']);
});

test('fails with every reason when no backend works', async () => {
  await expect(selectEngine([{ backend: 'ort-wasm', adapter: 'none', create: () => broken }]))
    .rejects.toThrow(/ort-wasm: wasm compile failed/);
});
