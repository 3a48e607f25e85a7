import { z } from 'zod';
import { RunStatus } from '../../shared/envelope.ts';
import { ARCH_NAMES } from './spec.ts';

// Shapes of E2's `curves` and `summary` (spec E2 "Checkpoints" and "Summary"). Results arrive from volunteers, so
// compare/check/summarize parse them with these schemas before reading a number.

const Num = z.number().nullable();
const Series = z.array(Num);

/** One weight matrix at one checkpoint (spec E2 "Checkpoints"; definitions in §1.6). */
export const MatrixPoint = z.object({
  /** The largest singular values, descending (at most 10). */
  top_sv: z.array(z.number()),
  mp_sigma2: z.number(),
  mp_edge: z.number(),
  erank: z.number(),
  stable_rank: z.number(),
  /** s_1 / s_2; null when s_2 = 0. */
  s1_s2: Num,
  /** s_1(t) / s_1(0). */
  top_sv_growth: z.number(),
  mp_outliers: z.number().int().nonnegative(),
  /** erank, s_1 and stable rank of W(t) − W(0); null at epoch 0 (the update is 0). */
  update_erank: Num,
  update_s1: Num,
  update_stable_rank: Num,
});
export type MatrixPoint = z.infer<typeof MatrixPoint>;

/** One config's metrics at each checkpoint epoch; `null` after a divergence (spec §1.3). */
export const ConfigCurve = z.object({
  arch: z.enum(ARCH_NAMES),
  lr: z.number().positive(),
  status: RunStatus,
  /** 1-based SGD step at which the config was stopped as diverged, or null. */
  diverged_step: z.number().int().nonnegative().nullable(),
  /** SGD steps actually run. */
  steps: z.number().int().nonnegative(),
  epochs: z.array(z.number().int().nonnegative()),
  /** Per checkpoint: every weight matrix in layer order. */
  matrices: z.array(z.array(MatrixPoint).nullable()),
  /** Participation ratio of the last hidden layer's activations on the test inputs. */
  pr_last_hidden: Series,
  train_loss: Series,
  train_acc: Series,
  test_loss: Series,
  test_acc: Series,
});
export type ConfigCurve = z.infer<typeof ConfigCurve>;

/** Curves of a result: config key (`A3-lr0.03`) → that config's curve. */
export const SdCurves = z.record(z.string().regex(/^A[1-6]-lr[0-9.e+-]+$/), ConfigCurve);
export type SdCurves = z.infer<typeof SdCurves>;

const NumList = z.array(z.number());

/** `configs[].final` of spec E2: values at T = the last epoch. */
export const ConfigFinal = z.strictObject({
  top_sv_growths: NumList,
  erank_init: NumList,
  erank_final: NumList,
  erank_changes: NumList,
  update_eranks: NumList,
  update_stable_ranks: NumList,
  train_loss: z.number(),
  train_acc: z.number(),
  test_acc: z.number(),
  pr_last_hidden: z.number(),
});
export type ConfigFinal = z.infer<typeof ConfigFinal>;

export const ConfigSummary = z.strictObject({
  arch: z.enum(ARCH_NAMES),
  lr: z.number().positive(),
  status: RunStatus,
  final: ConfigFinal.nullable(),
});
export type ConfigSummary = z.infer<typeof ConfigSummary>;

/**
 * `lr_rank_summary[String(lr)]` of spec E2. The key is `top_sv_growths` (a list per config) and the summary carries
 * `mean_top_sv_growth`: Axiom's v1 looked up `top_sv_growth` and lost ~1,000 results to a KeyError.
 */
export const LrRankEntry = z.strictObject({
  top_sv_growths: z.array(NumList.nullable()),
  erank_changes: z.array(NumList.nullable()),
  update_eranks: z.array(NumList.nullable()),
  mean_top_sv_growth: Num,
  mean_erank_change: Num,
  mean_update_erank: Num,
  mean_test_acc: Num,
});
export type LrRankEntry = z.infer<typeof LrRankEntry>;

/** The summary keys of spec E2, exactly. */
export const SdSummary = z.strictObject({
  configs: z.array(ConfigSummary).min(1),
  lr_rank_summary: z.record(z.string(), LrRankEntry),
  lr_rank_spearman: Num,
  depth_effect: Num,
});
export type SdSummary = z.infer<typeof SdSummary>;
