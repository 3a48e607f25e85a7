import { expose } from 'comlink';
import { findExperiment } from '../../experiments/registry.ts';
import { createReferenceEngine } from '../../experiments/engine/reference/reference-engine.ts';
import { createOrtWasmEngine } from '../backends/ort-wasm.ts';
import { selectEngine } from '../backends/select-engine.ts';
import { createCheckpointStore } from '../storage/checkpoint-store.ts';
import { openAxiomDb } from '../storage/db.ts';
import { createComputeApi } from './create-compute-api.ts';

// Entry of a compute Worker: compose and expose, nothing else. ORT starts its wasm threads from the script that holds
// ORT, i.e. this bundle, so its top level also runs in every 'em-pthread…' Worker; those must not expose
// (reference/runtime.md §5.5: a stolen message handler hangs run() with 2+ threads).
const isOrtThread = self.name.startsWith('em-pthread');
if (!isOrtThread) {
  let engine: ReturnType<typeof pickEngine> | null = null;
  // Probe once per Worker and keep the promise; drop it on failure so the next task retries (STYLE §5).
  const pickEngine = () => selectEngine([
    { backend: 'ort-wasm', adapter: 'none', create: () => createOrtWasmEngine() },
    { backend: 'reference', adapter: 'none', create: createReferenceEngine },
  ]);
  const select = () => (engine ??= pickEngine().catch((error: unknown) => { engine = null; throw error; }));
  // Probe at once: the pool may spawn this Worker before its task exists (compute-pool.ts `warm`), so the engine
  // loads while the agent waits for work. A failure here is retried, and then reported, by the first task.
  select().catch((error: unknown) => console.warn('compute Worker: engine probe failed; the first task retries', error));
  expose(createComputeApi({
    findExperiment,
    selectEngine: select,
    checkpoints: createCheckpointStore(openAxiomDb()),
    nowMs: () => performance.now(),
    wallClockMs: () => Date.now(),
  }));
}
