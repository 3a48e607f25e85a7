import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { AcceptanceCheck, ScienceSummary } from '../experiment.ts';
import { weightCount } from '../engine/init.ts';
import { LvfSummary } from './result-schema.ts';
import { EXPERIMENT_NAME, lvfSizes } from './spec.ts';

/** Acceptance thresholds of spec E1 (checks 1-5). */
export const LVF_ACCEPTANCE = {
  slopeRange: [-0.6, -0.42],
  monotoneFraction: 0.9,
  entropyOffset: 0.284,
  entropyTolerance: 0.15,
  deadFracMax: 0.05,
  testAccFloor: 0.7,
} as const;

const fmt = (x: number, digits = 3): string => x.toFixed(digits);
const mean = (xs: readonly number[]): number => xs.reduce((a, v) => a + v, 0) / xs.length;
const nonNull = (xs: readonly (number | null | undefined)[]): number[] => xs.filter((x): x is number => typeof x === 'number');

function rangeText(xs: readonly number[], digits = 3): string {
  if (xs.length === 0) return 'no values';
  return `${fmt(Math.min(...xs), digits)} to ${fmt(Math.max(...xs), digits)} (mean ${fmt(mean(xs), digits)})`;
}

/** Per-width aggregate of one summary field over results: mean, min and max in width order. */
function perWidth(summaries: readonly LvfSummary[], widths: readonly number[], pick: (s: LvfSummary) => readonly (number | null)[]) {
  const cols = widths.map((w) => nonNull(summaries.map((s) => pick(s)[s.widths.indexOf(w)])));
  return {
    mean: cols.map((c) => (c.length > 0 ? mean(c) : Number.NaN)),
    min: cols.map((c) => (c.length > 0 ? Math.min(...c) : Number.NaN)),
    max: cols.map((c) => (c.length > 0 ? Math.max(...c) : Number.NaN)),
  };
}

/**
 * Science summary of E1 over many results (spec E1 acceptance checks 1-7). Results whose summary does not parse are
 * left out and counted in the findings. Thresholds are the spec's, calibrated for the default 150 epochs.
 */
export function summarizeLvf(results: readonly ResultEnvelope[]): ScienceSummary {
  const summaries = results.flatMap((r) => {
    const s = LvfSummary.safeParse(r.summary);
    return s.success ? [s.data] : [];
  });
  const widths = [...new Set(summaries.flatMap((s) => s.widths))].sort((a, b) => a - b);
  const a = LVF_ACCEPTANCE;
  const n = summaries.length;

  const slopes = summaries.map((s) => s.movement_loglog_slope);
  const slopeVals = nonNull(slopes);
  const slopePass = n > 0 && slopes.every((v) => v !== null && v >= a.slopeRange[0] && v <= a.slopeRange[1]);
  const monotone = summaries.filter((s) => s.monotone_movement && s.monotone_cka).length;
  const entropyDev = summaries.flatMap((s) => s.widths.map((w, i) => {
    const h = s.final_weight_entropy[i];
    return h === null || h === undefined ? Number.POSITIVE_INFINITY : Math.abs(h - (Math.log(weightCount(lvfSizes(w))) - a.entropyOffset));
  }));
  const dead = summaries.flatMap((s) => s.final_dead_frac.map((v) => v ?? Number.POSITIVE_INFINITY));
  const acc = summaries.flatMap((s) => s.final_test_acc.map((v) => v ?? Number.NEGATIVE_INFINITY));
  const transition = nonNull(summaries.map((s) => s.transition_width));

  const checks: AcceptanceCheck[] = [
    { id: 'E1.1', description: 'movement scales as width^(-1/2): movement_loglog_slope (every result)',
      measured: rangeText(slopeVals), accepted: `in [${a.slopeRange[0]}, ${a.slopeRange[1]}] ([pt] -0.51 to -0.52)`, pass: slopePass },
    { id: 'E1.2', description: 'monotone in width: monotone_movement and monotone_cka (>= 90% of seeds)',
      measured: `${monotone} of ${n} results`, accepted: `>= ${a.monotoneFraction * 100}%`, pass: n > 0 && monotone >= a.monotoneFraction * n },
    { id: 'E1.3', description: 'weight entropy = Gaussian constant: |H - (log N - 0.284)| at every width (every result)',
      measured: entropyDev.length > 0 ? `max ${fmt(Math.max(...entropyDev))}` : 'no values', accepted: `<= ${a.entropyTolerance}`,
      pass: entropyDev.length > 0 && entropyDev.every((d) => d <= a.entropyTolerance) },
    { id: 'E1.4', description: 'no dead units: final_dead_frac at every width (every result)',
      measured: dead.length > 0 ? `max ${fmt(Math.max(...dead), 4)}` : 'no values', accepted: `<= ${a.deadFracMax} (expected 0)`,
      pass: dead.length > 0 && dead.every((d) => d <= a.deadFracMax) },
    { id: 'E1.5', description: 'task learnt: final test accuracy at every width (every result; chance 0.20)',
      measured: acc.length > 0 ? `min ${fmt(Math.min(...acc))}` : 'no values', accepted: `>= ${a.testAccFloor}`,
      pass: acc.length > 0 && acc.every((v) => v >= a.testAccFloor) },
    { id: 'E1.6', description: 'transition width (geometric mean of the steepest neighbouring pair)',
      measured: transition.length > 0 ? `median ${fmt(median(transition), 1)}, range ${rangeText(transition, 1)}` : 'no values',
      accepted: 'reported only ([pt] 362, not a physical critical point)', pass: null },
    { id: 'E1.7', description: 'param = ntk variant', measured: 'not run (spec §5: not settled)',
      accepted: 'no acceptance until calibrated', pass: null },
  ];

  const mv = perWidth(summaries, widths, (s) => s.final_weight_movement);
  const cka = perWidth(summaries, widths, (s) => s.final_cka_mean);
  const test = perWidth(summaries, widths, (s) => s.final_test_acc);
  const train = perWidth(summaries, widths, (s) => s.final_train_acc);
  const ent = perWidth(summaries, widths, (s) => s.final_weight_entropy);
  const findings: string[] = [];
  if (n > 0 && widths.length >= 2) {
    findings.push(`Relative weight movement falls from ${fmt(mv.mean[0] ?? Number.NaN)} at width ${widths[0]} to `
      + `${fmt(mv.mean.at(-1) ?? Number.NaN)} at width ${widths.at(-1)}, a log-log slope of ${fmt(mean(slopeVals))} `
      + `(theory for wide nets: -0.5): wider nets train lazily.`);
    findings.push(`CKA between initial and final hidden representations rises from ${fmt(cka.mean[0] ?? Number.NaN)} to `
      + `${fmt(cka.mean.at(-1) ?? Number.NaN)}: narrow nets learn new features, wide ones keep their random ones.`);
    findings.push(`Final test accuracy is ${rangeText(nonNull(test.mean))} across widths (chance 0.20), so the task is learnt at every width.`);
  }
  if (results.length > n) findings.push(`${results.length - n} result(s) had no parseable E1 summary and were left out.`);
  return {
    experiment: EXPERIMENT_NAME,
    resultCount: n,
    checks,
    findings,
    series: {
      widths, movement_mean: mv.mean, movement_min: mv.min, movement_max: mv.max,
      cka_mean: cka.mean, cka_min: cka.min, cka_max: cka.max,
      test_acc_mean: test.mean, test_acc_min: test.min, test_acc_max: test.max,
      train_acc_mean: train.mean, train_acc_min: train.min, train_acc_max: train.max,
      weight_entropy_mean: ent.mean, movement_loglog_slope: slopeVals,
    },
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}
