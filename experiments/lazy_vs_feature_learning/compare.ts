import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { CompareVerdict } from '../experiment.ts';
import { fingerprintsMatch } from '../engine/fingerprint.ts';
import { curveKey, LvfCurves, LvfSummary, type WidthCurve } from './result-schema.ts';

/**
 * Tolerances of E1's validation classes (spec E1 "Validation class"). Early metrics and final smooth functionals are
 * class S (relative), the slope absolute, final accuracies class Q with the same-seed bound of 3/500.
 * `transition_width` is Q too, but only meaningful against a seed ensemble, so a pair of replicas is not compared on it.
 */
export const LVF_TOLERANCES = {
  earlyRtol: 1e-5,
  finalSmoothRtol: 1e-3,
  finalSmallRtol: 5e-2,
  slopeAbs: 0.005,
  accuracyAbs: 3 / 500,
} as const;

const EARLY_EPOCHS = [0, 1] as const;
type SeriesKey = Exclude<keyof WidthCurve, 'width' | 'status' | 'diverged_step' | 'steps' | 'epochs'>;
const SERIES_KEYS: readonly SeriesKey[] = [
  'movement', 'movement_layers', 'cka_layers', 'cka_mean', 'dead_frac', 'weight_entropy', 'h_norm', 'grad_norm',
  'train_loss', 'train_acc', 'test_loss', 'test_acc',
];

type Value = number | null | readonly (number | null)[];

/** Symmetric closeness: |a − b| ≤ rtol · max(|a|, |b|) + atol elementwise; nulls only match nulls. */
function close(a: Value | undefined, b: Value | undefined, rtol: number, atol = 0): boolean {
  if (a === undefined || b === undefined || a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;
  }
  return a.length === b.length && a.every((x, i) => close(x, b[i], rtol, atol));
}

function parseResult(r: ResultEnvelope): { summary: LvfSummary; curves: LvfCurves } | string {
  const summary = LvfSummary.safeParse(r.summary);
  if (!summary.success) return `summary does not match the E1 schema: ${summary.error.issues[0]?.message ?? ''}`;
  const curves = LvfCurves.safeParse(r.curves);
  if (!curves.success) return `curves do not match the E1 schema: ${curves.error.issues[0]?.message ?? ''}`;
  return { summary: summary.data, curves: curves.data };
}

/** Compares two replicas of one E1 workunit by the classes E, S and Q of spec E1 (BOINC's `compare_results`). */
export function compareLvf(a: ResultEnvelope, b: ResultEnvelope): CompareVerdict {
  const reasons: string[] = [];
  const pa = parseResult(a);
  const pb = parseResult(b);
  if (typeof pa === 'string' || typeof pb === 'string') {
    return { type: 'different', reasons: [pa, pb].filter((p): p is string => typeof p === 'string') };
  }
  // Class E: identity of the work done.
  const exact: [string, unknown, unknown][] = [
    ['experiment/spec', [a.experiment, a.spec], [b.experiment, b.spec]],
    ['seed/data_seed', [a.seed, a.data_seed], [b.seed, b.data_seed]],
    ['params', a.params, b.params],
    ['status', a.status, b.status],
    ['widths', pa.summary.widths, pb.summary.widths],
  ];
  for (const [name, x, y] of exact) if (canonicalJson(x) !== canonicalJson(y)) reasons.push(`${name} differ`);
  for (const part of ['x_train', 'labels', 'init', 'perm'] as const) {
    if (!fingerprintsMatch(a.fingerprints[part], b.fingerprints[part])) reasons.push(`fingerprint ${part} differs`);
  }
  if (reasons.length > 0) return { type: 'different', reasons };

  const t = LVF_TOLERANCES;
  for (const width of pa.summary.widths) {
    const ca = pa.curves[curveKey(width)];
    const cb = pb.curves[curveKey(width)];
    if (ca === undefined || cb === undefined) {
      reasons.push(`w${width}: curve missing`);
      continue;
    }
    if (canonicalJson([ca.steps, ca.diverged_step, ca.epochs]) !== canonicalJson([cb.steps, cb.diverged_step, cb.epochs])) {
      reasons.push(`w${width}: step counts or checkpoint epochs differ`);
      continue;
    }
    for (const epoch of EARLY_EPOCHS) {
      const i = ca.epochs.indexOf(epoch);
      if (i < 0) continue;
      for (const key of SERIES_KEYS) {
        if (!close(ca[key][i], cb[key][i], t.earlyRtol)) reasons.push(`w${width}: epoch-${epoch} ${key} beyond rtol ${t.earlyRtol}`);
      }
    }
    const lastA = ca.epochs.length - 1;
    if (!close(ca.grad_norm[lastA], cb.grad_norm[lastA], t.finalSmallRtol)) reasons.push(`w${width}: final grad_norm beyond rtol ${t.finalSmallRtol}`);
    if (!close(ca.train_loss[lastA], cb.train_loss[lastA], t.finalSmallRtol)) reasons.push(`w${width}: final train_loss beyond rtol ${t.finalSmallRtol}`);
  }
  const sa = pa.summary;
  const sb = pb.summary;
  const finals: [string, Value, Value, number, number][] = [
    ['final_weight_movement', sa.final_weight_movement, sb.final_weight_movement, t.finalSmoothRtol, 0],
    ['final_cka_mean', sa.final_cka_mean, sb.final_cka_mean, t.finalSmoothRtol, 0],
    ['final_weight_entropy', sa.final_weight_entropy, sb.final_weight_entropy, t.finalSmoothRtol, 0],
    ['movement_loglog_slope', sa.movement_loglog_slope, sb.movement_loglog_slope, 0, t.slopeAbs],
    ['final_test_acc', sa.final_test_acc, sb.final_test_acc, 0, t.accuracyAbs],
    ['final_train_acc', sa.final_train_acc, sb.final_train_acc, 0, t.accuracyAbs],
  ];
  for (const [name, x, y, rtol, atol] of finals) {
    if (!close(x, y, rtol, atol)) reasons.push(`${name} beyond ${rtol > 0 ? `rtol ${rtol}` : `abs ${atol}`}`);
  }
  return reasons.length === 0 ? { type: 'equivalent' } : { type: 'different', reasons };
}
