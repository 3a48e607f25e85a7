import type { CompareVerdict, SanityVerdict } from '../../experiments/experiment.ts';

/** One reported result offered to the validator: its id and its parsed output. */
export interface Candidate<Output> {
  readonly id: number;
  readonly output: Output;
}

/** BOINC's `init_result` + `compare_results` as pure functions (validate_util2.h): per-result sanity and pair equivalence. */
export interface ValidationRule<Output> {
  check(output: Output): SanityVerdict;
  compare(a: Output, b: Output): CompareVerdict;
}

/**
 * Verdict over a quorum (BOINC `check_set`):
 * - `canonical`: `valid` (the canonical one included) agree with `canonicalId`; `invalid` failed sanity or disagree.
 * - `inconclusive`: enough viable results but no group of `quorum` agreeing ones; `invalid` failed sanity.
 * - `below_quorum`: fewer viable results than the quorum; nothing is decided but sanity failures.
 */
export type CheckSetVerdict =
  | { type: 'canonical'; canonicalId: number; valid: number[]; invalid: number[] }
  | { type: 'inconclusive'; inconclusive: number[]; invalid: number[] }
  | { type: 'below_quorum'; pending: number[]; invalid: number[] };

/**
 * Picks a canonical result from a set of reported results. Order-independent by construction: the canonical result
 * is the viable one with the most agreeing peers, ties going to the lowest id (BOINC walks results in id order), and
 * it needs `quorum − 1` agreeing peers. Pure: no database, no clock.
 */
export function checkSet<Output>(
  results: readonly Candidate<Output>[],
  rule: ValidationRule<Output>,
  options: { quorum: number },
): CheckSetVerdict {
  const sorted = [...results].sort((a, b) => a.id - b.id);
  const invalid: number[] = [];
  const viable: Candidate<Output>[] = [];
  for (const r of sorted) {
    if (rule.check(r.output).type === 'ok') viable.push(r);
    else invalid.push(r.id);
  }
  if (viable.length < options.quorum) return { type: 'below_quorum', pending: viable.map((r) => r.id), invalid };

  const agrees = viable.map((a) => viable.map((b) => a === b || rule.compare(a.output, b.output).type === 'equivalent'));
  let best = -1;
  let bestCount = 0;
  agrees.forEach((row, i) => {
    const count = row.filter(Boolean).length;
    if (count > bestCount) { best = i; bestCount = count; }
  });
  const canonical = viable[best];
  const row = agrees[best];
  if (canonical === undefined || row === undefined || bestCount < options.quorum) {
    return { type: 'inconclusive', inconclusive: viable.map((r) => r.id), invalid };
  }
  const valid = viable.filter((_, j) => row[j] === true).map((r) => r.id);
  const disagreeing = viable.filter((_, j) => row[j] !== true).map((r) => r.id);
  return { type: 'canonical', canonicalId: canonical.id, valid, invalid: [...invalid, ...disagreeing].sort((a, b) => a - b) };
}

/** A result that arrives after the canonical one is valid iff it is sane and agrees with the canonical output. */
export function checkAgainstCanonical<Output>(
  canonical: Output,
  late: Output,
  rule: ValidationRule<Output>,
): 'valid' | 'invalid' {
  if (rule.check(late).type !== 'ok') return 'invalid';
  return rule.compare(canonical, late).type === 'equivalent' ? 'valid' : 'invalid';
}
