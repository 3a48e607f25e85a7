/**
 * Module Worker of the dedicated bench page of `npm run bench -- browser`: the compute Worker of the app
 * (worker/compute/compute-worker.ts) composed the same way — registry kernel, `selectEngine` over ORT wasm then the
 * reference engine, the IndexedDB checkpoint store, `createComputeApi` — but with timers around the parts under test:
 * the checkpoint store's put (structured clone + IDB write), the kernel's whole checkpoint (from `shouldCheckpoint()`
 * saying yes to the put resolving: weights read out of ORT, state assembled, put), and the first engine calls (phases
 * of a task's start). Nothing of the computation itself is replaced.
 */
import { findExperiment } from '../experiments/registry.ts';
import { createReferenceEngine } from '../experiments/engine/reference/reference-engine.ts';
import type { Experiment } from '../experiments/experiment.ts';
import type { MlpEngine } from '../experiments/engine/mlp-engine.ts';
import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';
import { selectEngine, type SelectedEngine } from '../worker/backends/select-engine.ts';
import { createComputeApi } from '../worker/compute/create-compute-api.ts';
import type { ComputeRequest } from '../worker/compute/compute-protocol.ts';
import { createCheckpointStore } from '../worker/storage/checkpoint-store.ts';
import { openAxiomDb } from '../worker/storage/db.ts';
import type { BenchRunReply, BenchRunRequest, BenchWorkerMessage } from './browser-targets-protocol.ts';

const now = () => performance.now();

/** Timings of one run, reset by each request. */
let t = { putMs: [] as number[], checkpointMs: [] as number[], marks: {} as Record<string, number> };
const mark = (key: string) => { if (!(key in t.marks)) t.marks[key] = now(); };

/** The engine with its first model creation and first training call marked (the phases of a task's start). */
function markedEngine(engine: MlpEngine): MlpEngine {
  return {
    name: engine.name, version: engine.version,
    async createModel(shape, init) {
      mark('firstCreateModelStart');
      const model = await engine.createModel(shape, init);
      mark('firstCreateModelEnd');
      return {
        params: () => model.params(), forward: (x, n) => model.forward(x, n), dispose: () => model.dispose(),
        gradient: (batch) => model.gradient(batch),
        train: async (batches, lr, options) => { mark('firstTrainStart'); const r = await model.train(batches, lr, options); mark('firstTrainEnd'); return r; },
      };
    },
  };
}

/**
 * The engine with `selectEngine`'s probe step marked. ORT's models are lazy: the probe's first `train` is what fetches,
 * compiles and initialises the wasm and creates the first session.
 */
function probeMarked(engine: MlpEngine): MlpEngine {
  mark('ortEngineCreated');
  return {
    name: engine.name, version: engine.version,
    async createModel(shape, init) {
      const model = await engine.createModel(shape, init);
      return {
        params: () => model.params(), forward: (x, n) => model.forward(x, n), dispose: () => model.dispose(),
        gradient: (batch) => model.gradient(batch),
        train: async (batches, lr, options) => { const r = await model.train(batches, lr, options); mark('probeTrained'); return r; },
      };
    },
  };
}

/** The experiment with its kernel's checkpoints timed from "due" to "stored". */
function timedExperiment(experiment: Experiment): Experiment {
  return {
    ...experiment,
    run: (input, ctx) => {
      let dueMs: number | null = null;
      return experiment.run(input, {
        ...ctx,
        shouldCheckpoint: () => { const isDue = ctx.shouldCheckpoint(); if (isDue) dueMs = now(); return isDue; },
        checkpoint: async (state) => {
          const startMs = dueMs ?? now(); // a stop-forced checkpoint has no "due" moment: time just the write
          await ctx.checkpoint(state);
          t.checkpointMs.push(now() - startMs);
          dueMs = null;
        },
      });
    },
  };
}

let engine: Promise<SelectedEngine> | null = null;
const checkpoints = createCheckpointStore(openAxiomDb());
const api = createComputeApi({
  findExperiment: (name) => { const e = findExperiment(name); return e === undefined ? undefined : timedExperiment(e); },
  selectEngine: async () => {
    mark('selectEngineStart');
    engine ??= selectEngine([
      { backend: 'ort-wasm', adapter: 'none', create: async () => probeMarked(await createOrtWasmEngine()) },
      { backend: 'reference', adapter: 'none', create: createReferenceEngine },
    ]);
    const selected = await engine;
    mark('selectEngineEnd');
    return { ...selected, engine: markedEngine(selected.engine) };
  },
  checkpoints: {
    get: (id) => checkpoints.get(id),
    put: async (checkpoint) => { const s = now(); await checkpoints.put(checkpoint); t.putMs.push(now() - s); },
  },
  nowMs: now,
  wallClockMs: () => Date.now(),
});

async function run(request: BenchRunRequest): Promise<BenchRunReply> {
  t = { putMs: [], checkpointMs: [], marks: {} };
  const startMs = now();
  const computeRequest: ComputeRequest = { task: request.task, checkpointIntervalMs: request.checkpointIntervalMs, cpuLimitPct: 100 };
  let backend = '';
  const outcome = await api.run(computeRequest, (event) => {
    if (event.type === 'started') { backend = event.backend; mark('started'); }
    if (event.type === 'progress' && event.step > 0) mark('firstStep');
  });
  const wallMs = now() - startMs;
  if (outcome.kind !== 'finished') throw new Error(`bench task ended ${JSON.stringify(outcome)}`);
  const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
  // Resource entries are PerformanceResourceTiming; the check narrows the type without a cast.
  if (wasm instanceof PerformanceResourceTiming && wasm.responseEnd > startMs) t.marks.wasmFetched = wasm.responseEnd;
  const marks = Object.fromEntries(Object.entries(t.marks).map(([k, v]) => [k, v - startMs]));
  return { wallMs, computeMs: outcome.computeMs, backend, putMs: t.putMs, checkpointMs: t.checkpointMs, marks, isCrossOriginIsolated: self.crossOriginIsolated };
}

// ORT starts its wasm threads from this same script (runtime.md §5.5); they must not answer the page.
if (!self.name.startsWith('em-pthread')) {
  self.addEventListener('message', (event: MessageEvent<BenchRunRequest>) => {
    run(event.data).then(
      (reply) => self.postMessage({ kind: 'reply', reply } satisfies BenchWorkerMessage),
      (error: unknown) => self.postMessage({ kind: 'error', error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies BenchWorkerMessage),
    );
  });
  self.postMessage({ kind: 'ready' } satisfies BenchWorkerMessage);
}
