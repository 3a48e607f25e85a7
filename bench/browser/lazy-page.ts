import type { LazyWorkerMessage, LazyWorkerReply, LazyWorkerRequest } from './lazy-protocol.ts';

declare global {
  interface Window {
    /** Called by bench/browser/run-in-chromium.ts through Playwright; one request at a time. */
    runLazyBench(request: LazyWorkerRequest): Promise<LazyWorkerReply>;
  }
}

const worker = new Worker('/lazy-worker.js', { type: 'module' });
let pending: { resolve: (r: LazyWorkerReply) => void; reject: (e: Error) => void } | null = null;
const ready = new Promise<void>((resolve, reject) => {
  worker.onerror = (e) => {
    const error = new Error(`bench worker failed: ${e.message}`);
    reject(error);
    pending?.reject(error);
  };
  worker.onmessage = (e: MessageEvent<LazyWorkerMessage>) => {
    const message = e.data;
    if (message.kind === 'ready') resolve();
    else if (message.kind === 'reply') pending?.resolve(message.reply);
    else pending?.reject(new Error(message.error));
  };
});

window.runLazyBench = async (request) => {
  await ready;
  return new Promise((resolve, reject) => {
    pending = { resolve, reject };
    worker.postMessage(request);
  });
};
