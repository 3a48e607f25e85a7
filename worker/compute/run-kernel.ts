import { AppError } from '../../shared/errors.ts';
import type { Experiment } from '../../experiments/experiment.ts';
import type { KernelContext } from '../../experiments/engine/kernel-context.ts';
import type { SelectedEngine } from '../backends/select-engine.ts';
import type { CheckpointStore } from '../storage/checkpoint-store.ts';
import { createCheckpointClock } from './checkpoint-clock.ts';
import type { ComputeEvent, ComputeOutcome, ComputeRequest } from './compute-protocol.ts';
import { idleWithTimer, limitCpu } from './cpu-limit.ts';

export interface RunKernelDeps {
  readonly findExperiment: (name: string) => Experiment | undefined;
  readonly selectEngine: () => Promise<SelectedEngine>;
  readonly checkpoints: CheckpointStore;
  /** Monotonic ms (`performance.now`): cadence, compute time. */
  readonly nowMs: () => number;
  /** Epoch ms (`Date.now`): when a checkpoint was saved, shown to the volunteer. */
  readonly wallClockMs: () => number;
  /** The current CPU limit (the agent may change it while the task runs). */
  readonly cpuLimitPct: () => number;
}

/** Progress events are thinned to one per this many ms: the agent only needs a live bar, not every step. */
const PROGRESS_EVERY_MS = 200;

/**
 * Runs one task's kernel: builds its `KernelContext` (engine, resumed checkpoint, checkpoint cadence, progress),
 * maps the ending to data. A soft stop (`signal`) is not an error: the kernel checkpoints and throws the abort
 * reason, which becomes `{ kind: 'stopped' }`.
 */
export async function runKernel(
  request: ComputeRequest, onEvent: (event: ComputeEvent) => void, deps: RunKernelDeps, signal: AbortSignal,
): Promise<ComputeOutcome> {
  const { task } = request;
  const experiment = deps.findExperiment(task.input.experiment);
  if (experiment === undefined) {
    return { kind: 'failed', code: 'upgrade_required', message: `This build has no kernel for ${task.input.experiment}; reload to update.` };
  }
  try {
    const selected = await deps.selectEngine();
    const saved = await deps.checkpoints.get(task.resultId);
    const startMs = deps.nowMs();
    const computeMsBefore = saved?.computeMs ?? 0;
    const clock = createCheckpointClock(request.checkpointIntervalMs, deps.nowMs);
    let step = saved?.step ?? 0;
    let lastProgressMs = -Infinity;
    onEvent({ type: 'started', backend: selected.backend, resumedFrom: saved === null ? null : { step: saved.step, savedAtMs: saved.savedAtMs } });
    const ctx: KernelContext<unknown> = {
      engine: limitCpu(selected.engine, deps.cpuLimitPct, { nowMs: deps.nowMs, idle: idleWithTimer, signal }),
      resumed: saved?.state ?? null,
      signal,
      shouldCheckpoint: () => clock.isDue(),
      checkpoint: async (state) => {
        const savedAtMs = deps.wallClockMs();
        await deps.checkpoints.put({
          resultId: task.resultId, step, savedAtMs, computeMs: computeMsBefore + deps.nowMs() - startMs, state,
        });
        clock.markSaved();
        onEvent({ type: 'checkpoint', step, savedAtMs });
      },
      progress: (doneSteps, totalSteps) => {
        step = doneSteps;
        const now = deps.nowMs();
        if (now - lastProgressMs < PROGRESS_EVERY_MS && doneSteps < totalSteps) return;
        lastProgressMs = now;
        onEvent({ type: 'progress', step: doneSteps, totalSteps });
      },
      nowMs: deps.nowMs,
    };
    const envelope = await experiment.run(task.input, ctx);
    return {
      kind: 'finished', envelope, backend: selected.backend, adapter: selected.adapter,
      computeMs: Math.round(computeMsBefore + deps.nowMs() - startMs),
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'stopped' }; // an abort is not an error (STYLE §5)
    if (error instanceof AppError) return { kind: 'failed', code: error.code, message: error.message };
    console.error('kernel failed', error); // the stack goes to the console; the agent sees only `internal`
    return { kind: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
}
