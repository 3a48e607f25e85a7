import { wrap } from 'comlink';
import type { ComputeApi, ComputeOutcome } from '../compute/compute-protocol.ts';
import type { ComputeHandle } from './task-runner.ts';

/**
 * Starts one compute Worker (a module Worker, so it can import ORT's ES module). A Worker that fails to load or
 * throws at top level never answers a call, so `crashed` turns its `error` event into an outcome the caller races.
 */
export function spawnCompute(): ComputeHandle {
  const worker = new Worker(new URL('../compute/compute-worker.ts', import.meta.url), { type: 'module', name: 'axiom-compute' });
  const crashed = new Promise<ComputeOutcome>((resolve) => {
    worker.addEventListener('error', (event) => {
      resolve({ kind: 'failed', code: 'internal', message: `Compute Worker crashed: ${event.message || 'failed to load'}` });
    }, { once: true });
  });
  return { api: wrap<ComputeApi>(worker), crashed, terminate: () => { worker.terminate(); } };
}
