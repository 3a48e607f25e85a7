import type { ErrorCode } from '../../shared/errors.ts';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { BackendName } from '../../shared/protocol/capabilities.ts';
import type { Task } from '../../shared/protocol/work.ts';

/**
 * The contract between the agent and one compute Worker (internal to worker/; the page never sees it). One compute
 * Worker runs one task at a time. Endings and events are data, as on the page boundary.
 */
export interface ComputeApi {
  /** Runs `request.task` to the end, resuming from its IndexedDB checkpoint when there is one. */
  run(request: ComputeRequest, onEvent: (event: ComputeEvent) => void): Promise<ComputeOutcome>;
  /** Soft stop: the kernel sees it at its next step boundary, checkpoints and `run` resolves `stopped`. */
  stop(): Promise<void>;
  /** Changes the CPU limit of the running task. */
  setCpuLimit(cpuLimitPct: number): Promise<void>;
}

export interface ComputeRequest {
  readonly task: Task;
  /** Minimum time between checkpoints; the kernel checkpoints at its next safe point after it. */
  readonly checkpointIntervalMs: number;
  /** Percentage of time this Worker may compute (1–100). */
  readonly cpuLimitPct: number;
}

export type ComputeEvent =
  | {
    readonly type: 'started';
    readonly backend: BackendName;
    /** The checkpoint this run resumed from; null for a fresh start. */
    readonly resumedFrom: { readonly step: number; readonly savedAtMs: number } | null;
  }
  | { readonly type: 'progress'; readonly step: number; readonly totalSteps: number }
  | { readonly type: 'checkpoint'; readonly step: number; readonly savedAtMs: number };

export type ComputeOutcome =
  | {
    readonly kind: 'finished';
    readonly envelope: ResultEnvelope;
    readonly computeMs: number;
    readonly backend: BackendName;
    readonly adapter: string;
  }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string };
