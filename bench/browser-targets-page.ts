import type { BenchRunReply, BenchWorkerMessage } from './browser-targets-protocol.ts';

// The dedicated bench page: one module Worker (the compute Worker under test); requests go one at a time.
const worker = new Worker('/browser-targets-worker.js', { type: 'module' });
let pending: { resolve: (r: BenchRunReply) => void; reject: (e: Error) => void } | null = null;
const ready = new Promise<void>((resolve, reject) => {
  worker.onerror = (e) => {
    const error = new Error(`bench worker failed: ${e.message}`);
    reject(error);
    pending?.reject(error);
  };
  worker.onmessage = (e: MessageEvent<BenchWorkerMessage>) => {
    const message = e.data;
    if (message.kind === 'ready') resolve();
    else if (message.kind === 'reply') pending?.resolve(message.reply);
    else pending?.reject(new Error(message.error));
  };
});

window.runBenchTask = async (request) => {
  await ready;
  return new Promise((resolve, reject) => {
    pending = { resolve, reject };
    worker.postMessage(request);
  });
};
