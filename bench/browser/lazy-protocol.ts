import type { WidthTiming } from '../lazy-measure.ts';

/** What the bench page asks its Worker: time these widths (bench/lazy-measure.ts semantics). */
export interface LazyWorkerRequest { widths: number[]; budgetMs: number; minEpochs: number; maxLoopSteps: number }

export interface LazyWorkerReply { results: WidthTiming[]; isCrossOriginIsolated: boolean; userAgent: string }

/** Messages from the Worker: `ready` once, then one reply or error per request, in order. */
export type LazyWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'reply'; reply: LazyWorkerReply }
  | { kind: 'error'; error: string };
