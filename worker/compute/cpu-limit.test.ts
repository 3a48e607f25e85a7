import { expect, test } from 'vitest';
import type { MlpEngine, MlpModel } from '../../experiments/engine/mlp-engine.ts';
import { limitCpu } from './cpu-limit.ts';

function fakeEngine(now: { ms: number }, callMs: number): MlpEngine {
  const model: MlpModel = {
    train: () => { now.ms += callMs; return Promise.resolve(new Float32Array([0.5])); },
    forward: () => { now.ms += callMs; return Promise.resolve({ hidden: [], logits: new Float32Array(0) }); },
    gradient: () => { now.ms += callMs; return Promise.resolve({ grad: { weights: [], biases: [] }, loss: 1 }); },
    params: () => Promise.resolve({ weights: [], biases: [] }),
    dispose: () => Promise.resolve(),
  };
  return { name: 'ts-ref', version: 'fake', createModel: () => Promise.resolve(model) };
}

test('at a 25 % limit a compute Worker idles three times as long as each engine call took', async () => {
  const now = { ms: 0 };
  const idles: number[] = [];
  const engine = limitCpu(fakeEngine(now, 8), () => 25, {
    nowMs: () => now.ms,
    idle: (ms) => { idles.push(ms); now.ms += ms; return Promise.resolve(); },
    signal: new AbortController().signal,
  });
  const model = await engine.createModel({ sizes: [2, 2], activation: 'relu' }, { weights: [], biases: [] });
  const losses = await model.train([], 0.1);
  await model.gradient({ x: new Float32Array(0), labels: new Uint8Array(0), n: 0 });
  expect(losses[0]).toBe(0.5);
  expect(idles).toEqual([24, 24]);
  expect(now.ms).toBe(64); // 16 ms computing out of 64: 25 %
});

test('at 100 % it never idles', async () => {
  const now = { ms: 0 };
  const idles: number[] = [];
  const engine = limitCpu(fakeEngine(now, 8), () => 100, {
    nowMs: () => now.ms, idle: (ms) => { idles.push(ms); return Promise.resolve(); }, signal: new AbortController().signal,
  });
  const model = await engine.createModel({ sizes: [2, 2], activation: 'relu' }, { weights: [], biases: [] });
  await model.forward(new Float32Array(0), 0);
  expect(idles).toEqual([]);
});
