import type { Task } from '../shared/protocol/work.ts';

/** One task for the bench page's compute Worker (bench/browser-targets-worker.ts). */
export interface BenchRunRequest {
  readonly task: Task;
  readonly checkpointIntervalMs: number;
}

/** What one run cost, ms. `marks` are ms since the run started (absent: never happened). */
export interface BenchRunReply {
  readonly wallMs: number;
  /** The compute time the app would report with the result (`runKernel`'s own figure). */
  readonly computeMs: number;
  readonly backend: string;
  /** Each checkpoint store put: structured clone + IndexedDB write, to the transaction's completion. */
  readonly putMs: number[];
  /** Each kernel checkpoint, from `shouldCheckpoint()` saying yes to the put resolving (serialise + put). */
  readonly checkpointMs: number[];
  readonly marks: Record<string, number>;
  readonly isCrossOriginIsolated: boolean;
}

/** Messages from the Worker: `ready` once, then one reply or error per request, in order. */
export type BenchWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'reply'; reply: BenchRunReply }
  | { kind: 'error'; error: string };

declare global {
  interface Window {
    /** Called by bench/browser-targets-checkpoint.ts through Playwright; one request at a time. */
    runBenchTask(request: BenchRunRequest): Promise<BenchRunReply>;
  }
}
