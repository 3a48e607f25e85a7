import { z } from 'zod';
import type { WorkunitInput } from '../../shared/envelope.ts';
import { checkpointHeaderShape, checkpointTallyShape, Count, F32, isCheckpointFor, paramsFitSizes } from '../engine/checkpoint-parts.ts';
import { ConfigCurve } from './result-schema.ts';
import { archSizes, configList, type SdParams } from './spec.ts';

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
  ...checkpointHeaderShape,
  config_index: Count,
  done: z.array(ConfigCurve),
  current: CurrentConfig.nullable(),
  ...checkpointTallyShape,
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
  const fits = isCheckpointFor(c, input, params, engine)
    && c.config_index <= configs.length && c.done.length === c.config_index
    && c.done.every((curve, i) => curve.arch === configs[i]?.arch && curve.lr === configs[i]?.lr);
  if (!fits) return null;
  if (c.current === null) return c;
  const config = configs[c.config_index];
  if (config === undefined || c.current.epochs_done >= params.epochs
    || c.current.curve.arch !== config.arch || c.current.curve.lr !== config.lr) return null;
  const sizes = archSizes(config.arch);
  return paramsFitSizes(c.current.weights, c.current.biases, sizes) ? c : null;
}
