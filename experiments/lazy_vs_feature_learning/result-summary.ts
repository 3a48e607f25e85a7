import { loglogSlope, pairwiseLoglogSlopes } from '../engine/metrics/loglog-slope.ts';
import type { LvfSummary, WidthCurve } from './result-schema.ts';

const last = (xs: readonly (number | null)[]): number | null => xs.at(-1) ?? null;

/** True when every value is present and each neighbour pair satisfies `ok`. */
function monotone(values: readonly (number | null)[], ok: (a: number, b: number) => boolean): boolean {
  if (values.some((v) => v === null)) return false;
  const vs = values as number[]; // no nulls: checked on the line above
  return vs.every((v, i) => i === 0 || ok(vs[i - 1] ?? 0, v));
}

/**
 * The per-result summary of spec E1 from the width curves (in width order). Slopes use only widths with a final
 * movement > 0 (a diverged width has none); `transition_width` is the geometric mean of the neighbouring pair with the
 * most negative slope (Axiom's "steepest drop", reported for continuity only).
 */
export function summarizeWidthCurves(curves: readonly WidthCurve[]): LvfSummary {
  const widths = curves.map((c) => c.width);
  const movement = curves.map((c) => last(c.movement));
  const usable = curves.flatMap((c, i) => {
    const m = movement[i];
    return m !== null && m !== undefined && m > 0 ? [{ w: c.width, m }] : [];
  });
  const allUsable = usable.length === curves.length;
  const pairwise: (number | null)[] = allUsable
    ? pairwiseLoglogSlopes(usable.map((u) => u.w), usable.map((u) => u.m))
    : widths.slice(1).map(() => null);
  let steepest = -1;
  pairwise.forEach((s, i) => {
    if (s !== null && (steepest < 0 || s < (pairwise[steepest] ?? 0))) steepest = i;
  });
  return {
    widths,
    final_weight_movement: movement,
    final_cka_mean: curves.map((c) => last(c.cka_mean)),
    final_test_acc: curves.map((c) => last(c.test_acc)),
    final_train_acc: curves.map((c) => last(c.train_acc)),
    final_weight_entropy: curves.map((c) => last(c.weight_entropy)),
    final_dead_frac: curves.map((c) => last(c.dead_frac)),
    movement_loglog_slope: loglogSlope(usable.map((u) => u.w), usable.map((u) => u.m)),
    pairwise_slopes: pairwise,
    transition_width: steepest < 0 ? null : Math.sqrt((widths[steepest] ?? 0) * (widths[steepest + 1] ?? 0)),
    transition_slope: steepest < 0 ? null : (pairwise[steepest] ?? null),
    monotone_movement: monotone(movement, (a, b) => b <= a),
    monotone_cka: monotone(curves.map((c) => last(c.cka_mean)), (a, b) => b >= a),
  };
}
