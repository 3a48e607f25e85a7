import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { envelopeSanityReasons } from '../engine/envelope-sanity.ts';
import type { SanityVerdict } from '../experiment.ts';
import { curveKey, LvfCurves, LvfSummary } from './result-schema.ts';
import { checkpointEpochs, EXPERIMENT_NAME, LvfParams, SPEC_CHECKPOINT_EPOCHS } from './spec.ts';

/** Spec E1 check 4: a dead-ReLU fraction above this indicates a bug (expected 0). */
export const DEAD_FRAC_MAX = 0.05;
/** Spec E1 check 5 (settled in §5): final test accuracy floor at every width (chance 0.20). */
export const TEST_ACC_FLOOR = 0.7;
/** The accuracy floor is calibrated for full-length runs only ([pt] at 150 epochs). */
const FULL_LENGTH_EPOCHS = SPEC_CHECKPOINT_EPOCHS.at(-1) ?? 150;

/**
 * Per-result sanity of spec §5 (settled): the envelope matches its workunit, the canary matches the stored values
 * (rtol 1e-4), no `null` (a non-finite value) where a width's status is `ok`, the E1 dead fraction ≤ 0.05 at every
 * width, and, for full-length runs (≥ 150 epochs) only, final test accuracy ≥ 0.70 at every width. Shorter runs (CI,
 * quick sweeps) skip the accuracy floor because it was calibrated at 150 epochs; every other check applies to them.
 * Cross-seed checks (slopes, monotonicity) are science and never reject a result (spec §5).
 */
export function checkLvf(input: WorkunitInput, result: ResultEnvelope): SanityVerdict {
  const params = LvfParams.safeParse(input.params);
  if (!params.success) return { type: 'failed', reasons: ['workunit params are invalid for E1'] };
  const p = params.data;
  const reasons = envelopeSanityReasons(EXPERIMENT_NAME, input, p, result);
  const summary = LvfSummary.safeParse(result.summary);
  const curves = LvfCurves.safeParse(result.curves);
  if (!summary.success || !curves.success) return { type: 'failed', reasons: [...reasons, 'summary or curves do not match the E1 schema'] };
  if (canonicalJson(summary.data.widths) !== canonicalJson(p.widths)) reasons.push('summary widths differ from params.widths');
  const statusRecord = typeof result.status === 'string' ? null : result.status;
  const epochs = checkpointEpochs(p.epochs);
  p.widths.forEach((width, i) => {
    const c = curves.data[curveKey(width)];
    if (c === undefined) {
      reasons.push(`w${width}: no curve`);
      return;
    }
    if (statusRecord?.[curveKey(width)] !== c.status) reasons.push(`w${width}: status differs between status and curves`);
    if (canonicalJson(c.epochs) !== canonicalJson(epochs)) reasons.push(`w${width}: checkpoint epochs are not [${epochs.join(', ')}]`);
    if (c.status !== 'ok') return;
    const hasNull = [c.movement, c.cka_mean, c.dead_frac, c.weight_entropy, c.grad_norm, c.train_loss, c.test_loss, c.test_acc]
      .some((series) => series.some((v) => v === null)) || c.movement_layers.some((v) => v === null) || c.cka_layers.some((v) => v === null);
    if (hasNull) reasons.push(`w${width}: a non-finite (null) value while status is ok`);
    const dead = summary.data.final_dead_frac[i];
    if (dead !== null && dead !== undefined && dead > DEAD_FRAC_MAX) reasons.push(`w${width}: dead-ReLU fraction ${dead} > ${DEAD_FRAC_MAX}`);
    const acc = summary.data.final_test_acc[i];
    if (p.epochs >= FULL_LENGTH_EPOCHS && acc !== null && acc !== undefined && acc < TEST_ACC_FLOOR) {
      reasons.push(`w${width}: final test accuracy ${acc} < floor ${TEST_ACC_FLOOR}`);
    }
  });
  return reasons.length === 0 ? { type: 'ok' } : { type: 'failed', reasons };
}
