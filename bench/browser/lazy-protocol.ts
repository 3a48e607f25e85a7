/** Requests from the bench page to its Worker (the epoch-timer protocol of bench/lazy-measure.ts). */
export type LazyWorkerRequest =
  | { kind: 'prepare'; width: number; maxLoopSteps: number }
  | { kind: 'epochs'; count: number }
  | { kind: 'dispose' };

export interface LazyWorkerReply {
  /** Epoch milliseconds for `epochs`, empty otherwise. */
  epochMs: number[];
  isCrossOriginIsolated: boolean;
  userAgent: string;
}

/** Messages from the Worker: `ready` once, then one reply or error per request, in order. */
export type LazyWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'reply'; reply: LazyWorkerReply }
  | { kind: 'error'; error: string };
