import type { Experiment } from '../../experiments/experiment.ts';
import { Outcome, ServerState, ValidateState, WuErrorMask } from '../../shared/boinc-states.ts';
import { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { checkAgainstCanonical, checkSet, type Candidate, type ValidationRule } from './check-set.ts';

/** The workunit fields the validator reads. */
export interface WorkunitForValidation {
  readonly inputJson: string;
  readonly minQuorum: number;
  readonly targetNresults: number;
  readonly maxSuccessResults: number;
  readonly canonicalResultid: number | null;
}

/** The result fields the validator reads. */
export interface ResultForValidation {
  readonly id: number;
  readonly serverState: number;
  readonly outcome: number;
  readonly validateState: number;
  readonly outputJson: string | null;
}

/** What the validator decided; the caller writes it in the same transaction and grants credit to `newlyValid`. */
export interface ValidationDecision {
  /** New `validate_state` (and `outcome`, for unreadable outputs) per result id. */
  readonly results: Map<number, { validateState: number; outcome?: number }>;
  readonly canonicalResultid: number | null;
  readonly targetNresults: number;
  /** Error bits to OR into the workunit's mask (TOO_MANY_SUCCESS_RESULTS when no consensus is ever reached). */
  readonly errorBits: number;
  readonly newlyValid: number[];
}

/** Reads a stored output (foreign data, BOINC's `init_result`); null when it does not parse. */
function readOutput(json: string | null): ResultEnvelope | null {
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null; // unreadable output: the caller marks it VALIDATE_ERROR
  }
  const parsed = ResultEnvelope.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * BOINC's validator for one workunit (boinc.md §10): with a canonical result, new arrivals are compared with it;
 * without, `checkSet` runs over every viable success once `min_quorum` of them exist. No consensus makes the viable
 * results INCONCLUSIVE and asks for one more replica (`target_nresults` = viable + 1). Pure: no database, no clock.
 */
export function validateWorkunit(
  wu: WorkunitForValidation,
  results: readonly ResultForValidation[],
  experiment: Experiment,
): ValidationDecision {
  const decided = new Map<number, { validateState: number; outcome?: number }>();
  const input = WorkunitInput.parse(JSON.parse(wu.inputJson));
  const rule: ValidationRule<ResultEnvelope> = {
    check: (output) => experiment.check(input, output),
    compare: (a, b) => experiment.compare(a, b),
  };
  const open = results.filter((r) => r.serverState === ServerState.OVER && r.outcome === Outcome.SUCCESS
    && (r.validateState === ValidateState.INIT || r.validateState === ValidateState.INCONCLUSIVE));
  const unchanged = { results: decided, canonicalResultid: wu.canonicalResultid, targetNresults: wu.targetNresults, errorBits: 0, newlyValid: [] };
  if (!open.some((r) => r.validateState === ValidateState.INIT)) return unchanged;

  const candidates: Candidate<ResultEnvelope>[] = [];
  for (const r of open) {
    const output = readOutput(r.outputJson);
    if (output === null) decided.set(r.id, { validateState: ValidateState.INVALID, outcome: Outcome.VALIDATE_ERROR });
    else candidates.push({ id: r.id, output });
  }

  if (wu.canonicalResultid !== null) {
    const canonical = readOutput(results.find((r) => r.id === wu.canonicalResultid)?.outputJson ?? null);
    if (canonical === null) throw new Error(`workunit's canonical result ${wu.canonicalResultid} has no readable output`);
    const newlyValid: number[] = [];
    for (const c of candidates) {
      const verdict = checkAgainstCanonical(canonical, c.output, rule);
      decided.set(c.id, { validateState: verdict === 'valid' ? ValidateState.VALID : ValidateState.INVALID });
      if (verdict === 'valid') newlyValid.push(c.id);
    }
    return { ...unchanged, newlyValid };
  }

  const verdict = checkSet(candidates, rule, { quorum: wu.minQuorum });
  for (const id of verdict.invalid) decided.set(id, { validateState: ValidateState.INVALID });
  switch (verdict.type) {
    case 'canonical':
      for (const id of verdict.valid) decided.set(id, { validateState: ValidateState.VALID });
      return { ...unchanged, canonicalResultid: verdict.canonicalId, newlyValid: verdict.valid };
    case 'inconclusive': {
      for (const id of verdict.inconclusive) decided.set(id, { validateState: ValidateState.INCONCLUSIVE });
      const viable = verdict.inconclusive.length;
      const errorBits = viable > wu.maxSuccessResults ? WuErrorMask.TOO_MANY_SUCCESS_RESULTS : 0;
      return { ...unchanged, targetNresults: viable >= wu.targetNresults ? viable + 1 : wu.targetNresults, errorBits };
    }
    case 'below_quorum':
      return unchanged;
  }
}
