import type { MlpEngine } from '../../experiments/engine/mlp-engine.ts';
import { createOrtWasmEngine } from '../../worker/backends/ort-wasm.ts';
import { measureEngine } from '../lazy-measure.ts';
import type { LazyWorkerMessage, LazyWorkerRequest } from './lazy-protocol.ts';

// ORT starts its wasm threads from this same script (runtime.md §5.5); they must not run the bench.
const isOrtThread = self.name.startsWith('em-pthread');
/** One engine per loop-steps setting, kept across requests so its sessions stay cached (as in a real task). */
const engines = new Map<number, Promise<MlpEngine>>();

function post(message: LazyWorkerMessage): void {
  self.postMessage(message);
}

async function handle(request: LazyWorkerRequest): Promise<void> {
  let engine = engines.get(request.maxLoopSteps);
  if (engine === undefined) {
    engine = createOrtWasmEngine({ numThreads: 1, maxLoopSteps: request.maxLoopSteps });
    engines.set(request.maxLoopSteps, engine);
  }
  const results = await measureEngine(await engine, { ...request, now: () => performance.now() });
  post({ kind: 'reply', reply: { results, isCrossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent } });
}

if (!isOrtThread) {
  self.addEventListener('message', (event: MessageEvent<LazyWorkerRequest>) => {
    handle(event.data).catch((error: unknown) => {
      post({ kind: 'error', error: error instanceof Error ? error.stack ?? error.message : String(error) });
    });
  });
  post({ kind: 'ready' });
}
