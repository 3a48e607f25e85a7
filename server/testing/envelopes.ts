import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../../experiments/engine/reference/reference-engine.ts';
import { findExperiment } from '../../experiments/registry.ts';
import type { KernelContext } from '../../experiments/engine/kernel-context.ts';

/** Runs the real E1 kernel on the plain-TS reference engine (no checkpoints, never aborted). */
export async function runRealKernel(input: WorkunitInput): Promise<ResultEnvelope> {
  const experiment = findExperiment(input.experiment);
  if (experiment === undefined) throw new Error(`experiment ${input.experiment} is not registered`);
  let ms = 0;
  const ctx: KernelContext<unknown> = {
    engine: createReferenceEngine(),
    resumed: null,
    signal: new AbortController().signal,
    shouldCheckpoint: () => false,
    checkpoint: () => Promise.resolve(),
    progress: () => undefined,
    nowMs: () => (ms += 1),
  };
  return experiment.run(input, ctx);
}

/** An honest result pushed off-tolerance: the first final weight movement moved by 1 % (E1's rtol is 1e-3). */
export function offTolerance(envelope: ResultEnvelope): ResultEnvelope {
  const summary = structuredClone(envelope.summary);
  const movement = summary.final_weight_movement;
  if (!Array.isArray(movement) || typeof movement[0] !== 'number') throw new Error('E1 summary without final_weight_movement');
  movement[0] = movement[0] * 1.01;
  return { ...envelope, summary };
}
