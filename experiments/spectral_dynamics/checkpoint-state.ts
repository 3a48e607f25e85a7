import { z } from 'zod';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { Fingerprints, type WorkunitInput } from '../../shared/envelope.ts';
import { ConfigCurve } from './result-schema.ts';
import { archSizes, configList, type SdParams } from './spec.ts';

const Count = z.number().int().nonnegative();
/** Any Float32Array, whatever its buffer type (engines may hand out views of shared or wasm memory). */
const F32 = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');

/** The config being trained when the checkpoint was taken (taken only at epoch boundaries). */
const CurrentConfig = z.object({
  epochs_done: z.number().int().positive(),
  weights: z.array(F32),
  biases: z.array(F32),
  /** Full-training-set loss at epoch 0: the divergence threshold of spec §1.3 is 1e6 times it. */
  base_loss: z.number(),
  curve: ConfigCurve,
});

/**
 * E2's checkpoint: everything needed to continue and end bit-identical to an uninterrupted run. Init weights and
 * their spectra are recomputed from the seed (deterministic), the shuffle of epoch e from its label.
 */
export const SdCheckpoint = z.object({
  kind: z.literal('sd-checkpoint'),
  v: z.literal(1),
  wu_id: z.string(),
  seed: Count,
  data_seed: Count,
  params_json: z.string(),
  engine: z.string(),
  canary: z.array(z.number()).length(10),
  fingerprints: Fingerprints,
  config_index: Count,
  done: z.array(ConfigCurve),
  current: CurrentConfig.nullable(),
  steps_done: Count,
  train_ms: z.number().nonnegative(),
  wall_ms: z.number().nonnegative(),
  model_flops: z.number().nonnegative(),
  metric_flops: z.number().nonnegative(),
});
export type SdCheckpoint = z.infer<typeof SdCheckpoint>;

/**
 * The resumed checkpoint if it is one of ours for exactly this workunit, params and engine, with shapes that fit;
 * otherwise null (start fresh). A checkpoint from another build or workunit is foreign data, never trusted.
 */
export function restoreCheckpoint(resumed: unknown, input: WorkunitInput, params: SdParams, engine: string): SdCheckpoint | null {
  if (resumed === null || resumed === undefined) return null;
  const parsed = SdCheckpoint.safeParse(resumed);
  if (!parsed.success) return null;
  const c = parsed.data;
  const configs = configList(params);
  const fits = c.wu_id === input.wu_id && c.seed === input.seed && c.data_seed === input.data_seed
    && c.params_json === canonicalJson(params) && c.engine === engine
    && c.config_index <= configs.length && c.done.length === c.config_index
    && c.done.every((curve, i) => curve.arch === configs[i]?.arch && curve.lr === configs[i]?.lr);
  if (!fits) return null;
  if (c.current === null) return c;
  const config = configs[c.config_index];
  if (config === undefined || c.current.epochs_done >= params.epochs
    || c.current.curve.arch !== config.arch || c.current.curve.lr !== config.lr) return null;
  const sizes = archSizes(config.arch);
  const shapesFit = c.current.weights.length === sizes.length - 1 && c.current.biases.length === sizes.length - 1
    && c.current.weights.every((w, l) => w.length === (sizes[l] ?? 0) * (sizes[l + 1] ?? 0))
    && c.current.biases.every((b, l) => b.length === (sizes[l + 1] ?? 0));
  return shapesFit ? c : null;
}
