import { z } from 'zod';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { Fingerprints, type WorkunitInput } from '../../shared/envelope.ts';

export const Count = z.number().int().nonnegative();
/** Any Float32Array, whatever its buffer type (engines may hand out views of shared or wasm memory). */
export const F32 = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');

/** Fields every kernel checkpoint starts with: whose checkpoint it is, and the workunit-level parts already made. */
export const checkpointHeaderShape = {
  v: z.literal(1),
  wu_id: z.string(),
  seed: Count,
  data_seed: Count,
  params_json: z.string(),
  engine: z.string(),
  canary: z.array(z.number()).length(10),
  fingerprints: Fingerprints,
};

/** Fields every kernel checkpoint ends with: work done so far, so a resumed task reports its whole cost. */
export const checkpointTallyShape = {
  steps_done: Count,
  train_ms: z.number().nonnegative(),
  wall_ms: z.number().nonnegative(),
  model_flops: z.number().nonnegative(),
  metric_flops: z.number().nonnegative(),
};

interface CheckpointHeader {
  readonly wu_id: string; readonly seed: number; readonly data_seed: number; readonly params_json: string; readonly engine: string;
}

/** True when a parsed checkpoint was written for exactly this workunit, resolved params and engine. */
export function isCheckpointFor(c: CheckpointHeader, input: WorkunitInput, resolvedParams: unknown, engine: string): boolean {
  return c.wu_id === input.wu_id && c.seed === input.seed && c.data_seed === input.data_seed
    && c.params_json === canonicalJson(resolvedParams) && c.engine === engine;
}

/** True when checkpointed weights and biases have the shapes of an MLP with these layer sizes. */
export function paramsFitSizes(weights: readonly Float32Array[], biases: readonly Float32Array[], sizes: readonly number[]): boolean {
  return weights.length === sizes.length - 1 && biases.length === sizes.length - 1
    && weights.every((w, l) => w.length === (sizes[l] ?? 0) * (sizes[l + 1] ?? 0))
    && biases.every((b, l) => b.length === (sizes[l + 1] ?? 0));
}
