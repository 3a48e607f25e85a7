import type { ResultEnvelope } from '../shared/envelope.ts';
import { LvfSummary } from '../experiments/lazy_vs_feature_learning/result-schema.ts';
import type { AcceptanceCheck } from '../experiments/experiment.ts';
import { PT_CKA, PT_MOVEMENT, PT_WIDTHS } from './pt-reference.ts';

/** The reduced CI sweep: 3 widths, 30 epochs, 4 seeds (about 1/100 of the full sweep's FLOPs). */
export const QUICK_SWEEP = { widths: [8, 32, 128], epochs: 30, seeds: 4 } as const;

/**
 * Thresholds for the reduced run, fixed before running it. The spec's numbers are for 150 epochs, so the quick run
 * checks directions, and bounds that follow from the spec's table because weights only move further with training:
 * - movement falls and CKA rises with width in every seed (spec check 2 asks 90% at 150 epochs);
 * - log-log slope of movement at most -0.3 (theory -0.5 for wide nets; 3 widths at 30 epochs are less clean);
 * - movement at 30 epochs at most 1.05 × the [pt] maximum at 150, CKA at least 0.95 × the [pt] minimum at 150;
 * - final test accuracy at least 0.60 at every width (3 × chance; the spec floor 0.70 is for 150 epochs);
 * - dead fraction ≤ 0.05 (spec check 4: it holds at any epoch).
 */
export const QUICK_THRESHOLDS = { slopeMax: -0.3, ptMovementFactor: 1.05, ptCkaFactor: 0.95, testAccMin: 0.6, deadMax: 0.05 } as const;

/** Evaluates the quick thresholds on results of the quick sweep. */
export function quickChecks(results: readonly ResultEnvelope[]): AcceptanceCheck[] {
  const s = results.map((r) => LvfSummary.parse(r.summary));
  const t = QUICK_THRESHOLDS;
  const all = <T>(f: (x: LvfSummary) => T[]): T[] => s.flatMap(f);
  const slopes = s.map((x) => x.movement_loglog_slope ?? Number.NaN);
  const ptIndex = (w: number): number => PT_WIDTHS.indexOf(w as (typeof PT_WIDTHS)[number]); // widths not in the table give -1
  const movementRatio = all((x) => x.widths.map((w, i) => (x.final_weight_movement[i] ?? Number.NaN) / (PT_MOVEMENT[ptIndex(w)]?.[1] ?? Number.NaN)));
  const ckaRatio = all((x) => x.widths.map((w, i) => (x.final_cka_mean[i] ?? Number.NaN) / (PT_CKA[ptIndex(w)]?.[0] ?? Number.NaN)));
  const acc = all((x) => x.final_test_acc.map((v) => v ?? Number.NaN));
  const dead = all((x) => x.final_dead_frac.map((v) => v ?? Number.NaN));
  const n = s.length;
  const f = (x: number): string => x.toFixed(3);
  return [
    { id: 'Q.1', description: 'movement falls with width (every seed)', measured: `${s.filter((x) => x.monotone_movement).length} of ${n}`,
      accepted: `${n} of ${n}`, pass: n > 0 && s.every((x) => x.monotone_movement) },
    { id: 'Q.2', description: 'CKA(init, final) rises with width (every seed)', measured: `${s.filter((x) => x.monotone_cka).length} of ${n}`,
      accepted: `${n} of ${n}`, pass: n > 0 && s.every((x) => x.monotone_cka) },
    { id: 'Q.3', description: 'log-log slope of movement vs width', measured: `max ${f(Math.max(...slopes))}, mean ${f(slopes.reduce((a, v) => a + v, 0) / n)}`,
      accepted: `<= ${t.slopeMax} in every seed (theory -0.5)`, pass: n > 0 && slopes.every((v) => v <= t.slopeMax) },
    { id: 'Q.4', description: 'movement at 30 epochs / [pt] max at 150 epochs', measured: `max ${f(Math.max(...movementRatio))}`,
      accepted: `<= ${t.ptMovementFactor}`, pass: movementRatio.every((v) => v <= t.ptMovementFactor) },
    { id: 'Q.5', description: 'CKA at 30 epochs / [pt] min at 150 epochs', measured: `min ${f(Math.min(...ckaRatio))}`,
      accepted: `>= ${t.ptCkaFactor}`, pass: ckaRatio.every((v) => v >= t.ptCkaFactor) },
    { id: 'Q.6', description: 'final test accuracy at every width (chance 0.20)', measured: `min ${f(Math.min(...acc))}`,
      accepted: `>= ${t.testAccMin}`, pass: acc.every((v) => v >= t.testAccMin) },
    { id: 'Q.7', description: 'dead-ReLU fraction at every width', measured: `max ${f(Math.max(...dead))}`,
      accepted: `<= ${t.deadMax}`, pass: dead.every((v) => v <= t.deadMax) },
  ];
}
