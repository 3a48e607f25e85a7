import type { CancelSignal } from '../../shared/cancel.ts';
import type { MlpEngine } from './mlp-engine.ts';

/**
 * Everything a kernel may use from the outside world. Kernels never read clocks, randomness or the network
 * themselves (lint bans them in experiments/): the worker (or a Node runner) builds this context.
 */
export interface KernelContext<Checkpoint> {
  readonly engine: MlpEngine;
  /** The last checkpoint of this task, when resuming; null for a fresh start. Foreign data: the kernel checks it. */
  readonly resumed: Checkpoint | null;
  /** Soft stop: seen at the next step boundary; the kernel checkpoints and throws the abort reason. */
  readonly signal: CancelSignal;
  /** Asked at safe points; true when the runner wants a checkpoint now (its cadence, its clock). */
  shouldCheckpoint(): boolean;
  /** Persist a checkpoint. Resolves once it is stored. Must be structured-cloneable. */
  checkpoint(state: Checkpoint): Promise<void>;
  /** Progress in units of the kernel's own steps. */
  progress(step: number, totalSteps: number): void;
  /** Monotonic milliseconds, owned by the runner; used only for the `timing` fields of the result. */
  nowMs(): number;
}
