import type { MlpEngine } from '../../experiments/engine/mlp-engine.ts';
import { createOrtWasmEngine } from '../../worker/backends/ort-wasm.ts';
import type { EpochTimer } from '../lazy-measure.ts';
import { prepareEpochTimer } from '../lazy-measure.ts';
import type { LazyWorkerMessage, LazyWorkerRequest } from './lazy-protocol.ts';

// ORT starts its wasm threads from this same script (runtime.md §5.5); they must not run the bench.
const isOrtThread = self.name.startsWith('em-pthread');
/** One engine per loop-steps setting, kept across widths so it behaves as in a long-lived compute Worker. */
const engines = new Map<number, Promise<MlpEngine>>();
let timer: EpochTimer | null = null;

function post(message: LazyWorkerMessage): void {
  self.postMessage(message);
}

async function handle(request: LazyWorkerRequest): Promise<number[]> {
  switch (request.kind) {
    case 'prepare': {
      let engine = engines.get(request.maxLoopSteps);
      if (engine === undefined) {
        engine = createOrtWasmEngine({ numThreads: 1, maxLoopSteps: request.maxLoopSteps });
        engines.set(request.maxLoopSteps, engine);
      }
      await timer?.dispose();
      timer = await prepareEpochTimer(await engine, request.width, () => performance.now());
      return [];
    }
    case 'epochs':
      if (timer === null) throw new Error('epochs requested before prepare');
      return timer.epochs(request.count);
    case 'dispose':
      await timer?.dispose();
      timer = null;
      return [];
  }
}

if (!isOrtThread) {
  self.addEventListener('message', (event: MessageEvent<LazyWorkerRequest>) => {
    handle(event.data).then(
      (epochMs) => post({ kind: 'reply', reply: { epochMs, isCrossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent } }),
      (error: unknown) => post({ kind: 'error', error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
  post({ kind: 'ready' });
}
