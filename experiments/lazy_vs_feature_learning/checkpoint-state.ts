import { z } from 'zod';
import type { WorkunitInput } from '../../shared/envelope.ts';
import { checkpointHeaderShape, checkpointTallyShape, Count, F32, isCheckpointFor, paramsFitSizes } from '../engine/checkpoint-parts.ts';
import { lvfSizes, type LvfParams } from './spec.ts';
import { WidthCurve } from './result-schema.ts';

/** The width being trained when the checkpoint was taken (taken only at epoch boundaries). */
const CurrentWidth = z.object({
  epochs_done: z.number().int().positive(),
  weights: z.array(F32),
  biases: z.array(F32),
  /** Full-training-set loss at epoch 0: the divergence threshold of spec §1.3 is 1e6 times it. */
  base_loss: z.number(),
  curve: WidthCurve,
});

/**
 * E1's checkpoint: everything needed to continue and end bit-identical to an uninterrupted run. The RNG streams need
 * no state here: the shuffle of epoch e is recomputed from its label, and the init from the seed.
 */
export const LvfCheckpoint = z.object({
  kind: z.literal('lvf-checkpoint'),
  ...checkpointHeaderShape,
  width_index: Count,
  done: z.array(WidthCurve),
  current: CurrentWidth.nullable(),
  ...checkpointTallyShape,
});
export type LvfCheckpoint = z.infer<typeof LvfCheckpoint>;

/**
 * The resumed checkpoint if it is one of ours for exactly this workunit, params and engine, with shapes that fit;
 * otherwise null (start fresh). A checkpoint from another build or workunit is foreign data, never trusted.
 */
export function restoreCheckpoint(resumed: unknown, input: WorkunitInput, params: LvfParams, engine: string): LvfCheckpoint | null {
  if (resumed === null || resumed === undefined) return null;
  const parsed = LvfCheckpoint.safeParse(resumed);
  if (!parsed.success) return null;
  const c = parsed.data;
  const fits = isCheckpointFor(c, input, params, engine)
    && c.width_index <= params.widths.length && c.done.length === c.width_index
    && c.done.every((curve, i) => curve.width === params.widths[i]);
  if (!fits) return null;
  if (c.current === null) return c;
  const width = params.widths[c.width_index];
  if (width === undefined || c.current.epochs_done >= params.epochs || c.current.curve.width !== width) return null;
  const sizes = lvfSizes(width);
  return paramsFitSizes(c.current.weights, c.current.biases, sizes) ? c : null;
}
