import { z } from 'zod';
import { RunStatus } from '../../shared/envelope.ts';

// Shapes of E1's `summary` and `curves` (spec E1 "Checkpoints" and "Summary"). Results arrive from volunteers, so
// compare/check/summarize parse them with these schemas before reading a number.

const Num = z.number().nullable();
const Series = z.array(Num);

/** One width's metrics at each checkpoint epoch; `null` after a divergence (spec §1.3). */
export const WidthCurve = z.object({
  width: z.number().int().positive(),
  status: RunStatus,
  /** 1-based SGD step at which the config was stopped as diverged, or null. */
  diverged_step: z.number().int().nonnegative().nullable(),
  /** SGD steps actually run. */
  steps: z.number().int().nonnegative(),
  epochs: z.array(z.number().int().nonnegative()),
  movement: Series,
  movement_layers: z.array(z.array(z.number()).nullable()),
  cka_layers: z.array(z.array(z.number()).nullable()),
  cka_mean: Series,
  dead_frac: Series,
  weight_entropy: Series,
  h_norm: Series,
  grad_norm: Series,
  train_loss: Series,
  train_acc: Series,
  test_loss: Series,
  test_acc: Series,
});
export type WidthCurve = z.infer<typeof WidthCurve>;

/** Curves of a result: `w<width>` → that width's curve. */
export const LvfCurves = z.record(z.string().regex(/^w[0-9]+$/), WidthCurve);
export type LvfCurves = z.infer<typeof LvfCurves>;

/** The summary keys of spec E1, exactly. */
export const LvfSummary = z.strictObject({
  widths: z.array(z.number().int().positive()).min(1),
  final_weight_movement: Series,
  final_cka_mean: Series,
  final_test_acc: Series,
  final_train_acc: Series,
  final_weight_entropy: Series,
  final_dead_frac: Series,
  movement_loglog_slope: Num,
  pairwise_slopes: Series,
  transition_width: Num,
  transition_slope: Num,
  monotone_movement: z.boolean(),
  monotone_cka: z.boolean(),
});
export type LvfSummary = z.infer<typeof LvfSummary>;

/** Curve key of a width. */
export const curveKey = (width: number): string => `w${width}`;
