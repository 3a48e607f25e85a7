import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { envelopeSanityReasons } from '../engine/envelope-sanity.ts';
import type { SanityVerdict } from '../experiment.ts';
import { SdCurves, SdSummary, type ConfigCurve } from './result-schema.ts';
import { archSizes, checkpointEpochs, configKey, configList, EXPERIMENT_NAME, SdParams } from './spec.ts';

/** True when an `ok` config has a value at every checkpoint (null marks a non-finite value, spec §1.1). */
function complete(c: ConfigCurve, layers: number): boolean {
  return [c.pr_last_hidden, c.train_loss, c.train_acc, c.test_loss, c.test_acc].every((s) => s.every((v) => v !== null))
    && c.matrices.every((ms, i) => ms !== null && ms.length === layers
      // Update spectra exist after epoch 0 only.
      && ms.every((m) => (c.epochs[i] === 0) === (m.update_erank === null) && (m.update_s1 === null) === (m.update_erank === null)));
}

/**
 * Per-result sanity of spec §5 (settled) for E2: the envelope matches its workunit, the canary matches the stored
 * values (rtol 1e-4), the configs are the workunit's (A1..A6 × lr ascending) with the spec's checkpoint epochs, and no
 * `null` (a non-finite value) where a config's status is `ok`. E2 has no accuracy floor (spec §5), and its acceptance
 * checks (init spectra, rank and growth) are science over results, evaluated by `summarizeSd`, never a rejection.
 */
export function checkSd(input: WorkunitInput, result: ResultEnvelope): SanityVerdict {
  const params = SdParams.safeParse(input.params);
  if (!params.success) return { type: 'failed', reasons: ['workunit params are invalid for E2'] };
  const p = params.data;
  const reasons = envelopeSanityReasons(EXPERIMENT_NAME, input, p, result);
  const summary = SdSummary.safeParse(result.summary);
  const curves = SdCurves.safeParse(result.curves);
  if (!summary.success || !curves.success) return { type: 'failed', reasons: [...reasons, 'summary or curves do not match the E2 schema'] };
  const configs = configList(p);
  if (canonicalJson(summary.data.configs.map((c) => [c.arch, c.lr])) !== canonicalJson(configs.map((c) => [c.arch, c.lr]))) {
    reasons.push('summary configs differ from params (archs × lrs)');
  }
  // Compared as sets: JavaScript lists integer-like keys ("1") before the others, whatever the insertion order.
  if (canonicalJson(Object.keys(summary.data.lr_rank_summary).sort()) !== canonicalJson(p.lrs.map(String).sort())) {
    reasons.push('lr_rank_summary keys differ from String(lr) of params.lrs');
  }
  const statusRecord = typeof result.status === 'string' ? null : result.status;
  const epochs = checkpointEpochs(p.epochs);
  for (const config of configs) {
    const key = configKey(config);
    const c = curves.data[key];
    if (c === undefined || c.arch !== config.arch || c.lr !== config.lr) {
      reasons.push(`${key}: no curve`);
      continue;
    }
    if (statusRecord?.[key] !== c.status) reasons.push(`${key}: status differs between status and curves`);
    if (canonicalJson(c.epochs) !== canonicalJson(epochs)) reasons.push(`${key}: checkpoint epochs are not [${epochs.join(', ')}]`);
    if (c.status === 'ok' && !complete(c, archSizes(config.arch).length - 1)) {
      reasons.push(`${key}: a missing or non-finite (null) value while status is ok`);
    }
  }
  return reasons.length === 0 ? { type: 'ok' } : { type: 'failed', reasons };
}
