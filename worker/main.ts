import { expose } from 'comlink';
import { findExperiment } from '../experiments/registry.ts';
import { createWorkerApi } from './agent/create-worker-api.ts';
import { TAB_CHANNEL } from './agent/tab-channel.ts';
import { spawnCompute } from './agent/spawn-compute.ts';
import { openAxiomDb } from './storage/db.ts';

// The agent Worker of one tab: compose and expose, nothing else. Guarded like every Worker that may end up in a
// bundle with ORT: ORT's 'em-pthread…' thread Workers run this top level too (reference/runtime.md §5.5).
const isOrtThread = self.name.startsWith('em-pthread');
if (!isOrtThread) {
  expose(createWorkerApi({
    openDb: openAxiomDb,
    locks: navigator.locks,
    openChannel: () => new BroadcastChannel(TAB_CHANNEL),
    hardwareConcurrency: navigator.hardwareConcurrency,
    userAgent: navigator.userAgent,
    storageEstimate: () => navigator.storage.estimate(),
    findExperiment,
    spawnCompute,
    nowMs: () => Date.now(),
    jitter01: () => Math.random(),
  }));
}
