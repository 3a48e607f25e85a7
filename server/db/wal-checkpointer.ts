import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies the WAL into the database file; each run costs one or two fsyncs. */
const CHECKPOINT_INTERVAL_MS = 250;

// Plain CommonJS run with `eval`, so the thread needs no TypeScript loader. PASSIVE never blocks the writer: it copies
// what it can and returns; the next write restarts the WAL once everything in it has been copied.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String((error && error.stack) || error));
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** A running WAL checkpointer thread. */
export interface WalCheckpointer {
  /** Stops the thread after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL of a SQLite file from a worker thread with its own connection. SQLite's automatic checkpoint
 * runs inside whichever commit crosses the threshold, fsyncs there, and so blocked the event loop for ~16 ms every
 * few hundred requests (bench/server.ts: commit p50 0.15 ms, p99 16 ms); here that cost leaves the request path.
 * The writer connection keeps a high automatic threshold as a safety net in case this thread falls behind.
 */
export function startWalCheckpointer(file: string, onError: (error: unknown) => void): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: CHECKPOINT_INTERVAL_MS } });
  worker.unref(); // never keeps the process alive on its own
  let isStopping = false;
  // Once stopping, the database is closed and its directory may be gone at once (tests remove it): a failure of the
  // thread then (it may not even have opened the file yet) is expected and dropped; any earlier one goes to onError.
  const report = (error: unknown) => {
    if (!isStopping) onError(error);
  };
  worker.on('message', (stack: string) => report(new Error(`WAL checkpoint of ${file} failed: ${stack}`)));
  worker.on('error', report);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      isStopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
