import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { CompareVerdict } from '../experiment.ts';
import { fingerprintsMatch } from '../engine/fingerprint.ts';
import { SdCurves, SdSummary, type ConfigCurve, type MatrixPoint } from './result-schema.ts';
import { configKey } from './spec.ts';

/**
 * Tolerances of E2's validation classes (spec E2 "Validation class"): init spectra rtol 1e-5, epoch-1 metrics 1e-4,
 * final spectra summaries 1e-3 at lr ≤ 0.03 and 1e-2 above. Class Q fields (accuracies, `lr_rank_spearman`,
 * `depth_effect`, per-config growths at lr ≥ 0.2, s_1/s_2 everywhere) are only meaningful against a seed ensemble, so a
 * pair of replicas is not compared on them; class C (the traces of a config that diverged) is not compared at all.
 */
export const SD_TOLERANCES = {
  initRtol: 1e-5,
  epoch1Rtol: 1e-4,
  finalSmallLrRtol: 1e-3,
  finalLargeLrRtol: 1e-2,
  /** Largest lr whose final spectra are compared at `finalSmallLrRtol`. */
  smallLrMax: 0.03,
  /** From this lr on, per-config growths are class Q. */
  qGrowthLrMin: 0.2,
} as const;

type Value = number | null | readonly (number | null)[];

/** Symmetric closeness: |a − b| ≤ rtol · max(|a|, |b|) elementwise; nulls only match nulls. */
function close(a: Value | undefined, b: Value | undefined, rtol: number): boolean {
  if (a === undefined || b === undefined || a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b));
  }
  return a.length === b.length && a.every((x, i) => close(x, b[i], rtol));
}

/** Class-S fields of one matrix point (s1_s2 is class Q; the outlier count is discrete and checked at init only). */
const SMOOTH_MATRIX_KEYS = ['top_sv', 'mp_sigma2', 'mp_edge', 'erank', 'stable_rank', 'top_sv_growth', 'update_erank', 'update_s1',
  'update_stable_rank'] as const satisfies readonly (keyof MatrixPoint)[];

function compareMatrices(label: string, a: readonly MatrixPoint[] | null | undefined, b: readonly MatrixPoint[] | null | undefined,
  rtol: number, skipGrowth: boolean, reasons: string[]): void {
  if (!a || !b || a.length !== b.length) {
    if (a !== b) reasons.push(`${label}: spectra missing on one side`);
    return;
  }
  a.forEach((ma, l) => {
    const mb = b[l];
    if (mb === undefined) return;
    for (const key of SMOOTH_MATRIX_KEYS) {
      if (key === 'top_sv_growth' && skipGrowth) continue;
      if (!close(ma[key], mb[key], rtol)) reasons.push(`${label} L${l}: ${key} beyond rtol ${rtol}`);
    }
  });
}

/** Losses and the participation ratio at checkpoint i (accuracies are class Q). */
function compareScalars(label: string, a: ConfigCurve, b: ConfigCurve, i: number, rtol: number, reasons: string[]): void {
  for (const key of ['train_loss', 'test_loss', 'pr_last_hidden'] as const) {
    if (!close(a[key][i], b[key][i], rtol)) reasons.push(`${label}: ${key} beyond rtol ${rtol}`);
  }
}

function compareConfig(a: ConfigCurve, b: ConfigCurve, reasons: string[]): void {
  const key = configKey(a);
  if (canonicalJson([a.steps, a.diverged_step, a.epochs, a.status]) !== canonicalJson([b.steps, b.diverged_step, b.epochs, b.status])) {
    reasons.push(`${key}: status, step counts or checkpoint epochs differ`);
    return;
  }
  const t = SD_TOLERANCES;
  // Init spectra (class S, both sides ran from the same seed) and the discrete outlier count at init (class E).
  compareMatrices(`${key} epoch 0`, a.matrices[0], b.matrices[0], t.initRtol, false, reasons);
  if (canonicalJson(a.matrices[0]?.map((m) => m.mp_outliers)) !== canonicalJson(b.matrices[0]?.map((m) => m.mp_outliers))) {
    reasons.push(`${key}: MP outlier counts at init differ`);
  }
  compareScalars(`${key} epoch 0`, a, b, 0, t.initRtol, reasons);
  if (a.status !== 'ok') return; // class C: the trace of a diverged config is not compared
  const i1 = a.epochs.indexOf(1);
  if (i1 > 0) {
    compareMatrices(`${key} epoch 1`, a.matrices[i1], b.matrices[i1], t.epoch1Rtol, false, reasons);
    compareScalars(`${key} epoch 1`, a, b, i1, t.epoch1Rtol, reasons);
  }
  const last = a.epochs.length - 1;
  if (last > 0 && last !== i1) {
    const rtol = a.lr <= t.smallLrMax ? t.finalSmallLrRtol : t.finalLargeLrRtol;
    compareMatrices(`${key} final`, a.matrices[last], b.matrices[last], rtol, a.lr >= t.qGrowthLrMin, reasons);
  }
}

/** Compares two replicas of one E2 workunit by the classes E, S (and Q, C by omission) of spec E2. */
export function compareSd(a: ResultEnvelope, b: ResultEnvelope): CompareVerdict {
  const parsed = [a, b].map((r) => ({ summary: SdSummary.safeParse(r.summary), curves: SdCurves.safeParse(r.curves) }));
  const bad = parsed.flatMap((p, i) => (p.summary.success && p.curves.success ? [] : [`result ${i === 0 ? 'a' : 'b'} does not match the E2 schema`]));
  const [pa, pb] = parsed;
  if (bad.length > 0 || !pa?.summary.success || !pa.curves.success || !pb?.summary.success || !pb.curves.success) {
    return { type: 'different', reasons: bad };
  }
  const sa = pa.summary.data;
  const sb = pb.summary.data;
  const reasons: string[] = [];
  // Class E: identity of the work done.
  const configsOf = (s: SdSummary) => s.configs.map((c) => [c.arch, c.lr, c.status]);
  const exact: [string, unknown, unknown][] = [
    ['experiment/spec', [a.experiment, a.spec], [b.experiment, b.spec]],
    ['seed/data_seed', [a.seed, a.data_seed], [b.seed, b.data_seed]],
    ['params', a.params, b.params],
    ['status', a.status, b.status],
    ['configs', configsOf(sa), configsOf(sb)],
  ];
  for (const [name, x, y] of exact) if (canonicalJson(x) !== canonicalJson(y)) reasons.push(`${name} differ`);
  for (const part of ['x_train', 'labels', 'init', 'perm'] as const) {
    if (!fingerprintsMatch(a.fingerprints[part], b.fingerprints[part])) reasons.push(`fingerprint ${part} differs`);
  }
  if (reasons.length > 0) return { type: 'different', reasons };
  for (const c of sa.configs) {
    const key = configKey(c);
    const ca = pa.curves.data[key];
    const cb = pb.curves.data[key];
    if (ca === undefined || cb === undefined) reasons.push(`${key}: curve missing`);
    else compareConfig(ca, cb, reasons);
  }
  // The summary's finals restate the curves' last checkpoint; compare them too, so a summary that disagrees with its
  // own curves cannot pass on the strength of its curves.
  sa.configs.forEach((ca, i) => {
    const fa = ca.final;
    const fb = sb.configs[i]?.final ?? null;
    if (fa === null || fb === null) {
      if (fa !== fb) reasons.push(`${configKey(ca)}: final summary missing on one side`);
      return;
    }
    const rtol = ca.lr <= SD_TOLERANCES.smallLrMax ? SD_TOLERANCES.finalSmallLrRtol : SD_TOLERANCES.finalLargeLrRtol;
    const pairs: [string, Value, Value, number][] = [
      ['erank_init', fa.erank_init, fb.erank_init, SD_TOLERANCES.initRtol],
      ['erank_final', fa.erank_final, fb.erank_final, rtol],
      ['update_eranks', fa.update_eranks, fb.update_eranks, rtol],
      ['update_stable_ranks', fa.update_stable_ranks, fb.update_stable_ranks, rtol],
    ];
    if (ca.lr < SD_TOLERANCES.qGrowthLrMin) pairs.push(['top_sv_growths', fa.top_sv_growths, fb.top_sv_growths, rtol]);
    for (const [name, x, y, r] of pairs) if (!close(x, y, r)) reasons.push(`${configKey(ca)}: summary ${name} beyond rtol ${r}`);
  });
  return reasons.length === 0 ? { type: 'equivalent' } : { type: 'different', reasons };
}
