import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { canaryMismatches } from './canary.ts';

/**
 * The per-result sanity checks every experiment shares (spec §1.7, §5): the envelope echoes its workunit (experiment,
 * wu_id, seeds, fully resolved params) and its canary matches the stored losses at rtol 1e-4. Returns the reasons a
 * result fails them; empty when it passes.
 */
export function envelopeSanityReasons(
  experiment: string, input: WorkunitInput, resolvedParams: unknown, result: ResultEnvelope,
): string[] {
  const reasons: string[] = [];
  if (result.experiment !== experiment || result.wu_id !== input.wu_id || result.seed !== input.seed
    || result.data_seed !== input.data_seed || canonicalJson(result.params) !== canonicalJson(resolvedParams)) {
    reasons.push('envelope does not match its workunit (experiment, wu_id, seeds or resolved params)');
  }
  const badCanary = canaryMismatches(result.canary.losses);
  if (badCanary.length > 0) reasons.push(`canary differs from the stored losses beyond rtol 1e-4 at steps [${badCanary.join(', ')}]`);
  return reasons;
}
