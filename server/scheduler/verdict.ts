import { ValidateState } from '../../shared/boinc-states.ts';
import type { ResultVerdict } from '../../shared/protocol/result-upload.ts';

/**
 * A result's `validate_state` as the volunteer sees it. NO_CHECK (its workunit errored) and TOO_LATE never earn
 * credit, so they read as `invalid` rather than a `pending` that would never end.
 */
export function verdictOf(validateState: number): ResultVerdict {
  switch (validateState) {
    case ValidateState.VALID: return 'valid';
    case ValidateState.INCONCLUSIVE: return 'inconclusive';
    case ValidateState.INVALID:
    case ValidateState.NO_CHECK:
    case ValidateState.TOO_LATE: return 'invalid';
    default: return 'pending';
  }
}
