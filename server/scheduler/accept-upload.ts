import { Outcome, ServerState, ValidateState } from '../../shared/boinc-states.ts';
import { WorkunitInput, type ResultEnvelope } from '../../shared/envelope.ts';
import { AppError } from '../../shared/errors.ts';
import { ResultId } from '../../shared/ids.ts';
import type { ResultUpload, UploadAck } from '../../shared/protocol/result-upload.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Db } from '../db/connection.ts';
import { verdictAndCreditOfResult } from '../db/credit-repo.ts';
import { touchHost, type HostRow } from '../db/hosts-repo.ts';
import { findResultWithWorkunit } from '../db/results-repo.ts';
import { inSavepoint } from '../db/savepoint.ts';
import { recordReceivedResult, scheduleTransition } from '../db/workunits-repo.ts';
import { outputDigest } from './output-digest.ts';
import { verdictOf } from './verdict.ts';

export interface UploadDeps {
  readonly db: Db;
  /** Runs the transitioner (and so the validator) for one workunit inside the caller's transaction. */
  readonly transition: (trx: Db, workunitId: number) => Promise<void>;
  /** Where an in-process validation failure goes; the workunit stays due, so the daemon retries it. */
  readonly onError: (error: unknown) => void;
}

/** The envelope fields that must equal the workunit's input (spec §1.1): else the result is for another job. */
function mismatches(input: WorkunitInput, output: ResultEnvelope): string[] {
  const fields = ['experiment', 'wu_id', 'seed', 'data_seed'] as const;
  return fields.filter((f) => input[f] !== output[f]).map((f) => `${f}: expected ${String(input[f])}, got ${String(output[f])}`);
}

/**
 * Validates right after the upload, in the upload's transaction, inside a savepoint: a validator failure rolls back
 * the validation only, so the upload still commits with its workunit due and the daemon retries it. One commit per
 * upload instead of two (commits were the largest single cost in bench/server.ts's profile).
 */
async function validateInSavepoint(trx: Db, deps: UploadDeps, workunitId: number, nowS: number): Promise<void> {
  const outcome = await inSavepoint(trx, 'validate_upload', () => deps.transition(trx, workunitId));
  if (outcome.type === 'kept') return; // the transition has set the workunit's next transition time itself
  deps.onError(outcome.error);
  await scheduleTransition(trx, workunitId, nowS); // due now, so the daemon retries; the stored result stays
}

/**
 * `POST /api/v1/results/:resultId` (BOINC's upload handler + report, boinc.md §4, §8). Idempotent on the result id:
 * the same output again is `duplicate` with the same verdict and no second credit; other content for a received
 * result is `conflict`. The result must be leased to this host (late reports after the deadline are accepted) and its
 * envelope must name its workunit. One transaction: the upload, then validation right after it (see
 * `validateInSavepoint`), so the ack carries the verdict when the quorum is complete.
 */
export async function acceptUpload(deps: UploadDeps, host: HostRow, resultId: number, upload: ResultUpload, nowS: number): Promise<UploadAck> {
  const digest = outputDigest(upload.output);
  return deps.db.transaction().execute(async (trx) => {
    const found = await findResultWithWorkunit(trx, resultId);
    if (found === undefined) throw new AppError('not_found', `result ${resultId} does not exist`);
    const { result, wu } = found;
    if (result.hostId !== host.id) throw new AppError('conflict', `result ${resultId} is not leased to this host`);
    await touchHost(trx, host.id, nowS);
    let receipt: UploadAck['receipt'] = 'duplicate';
    if (result.outputDigest !== null) {
      if (result.outputDigest !== digest) {
        throw new AppError('conflict', `result ${resultId} was already received with different content (digest ${result.outputDigest})`);
      }
    } else {
      const isLate = result.serverState === ServerState.OVER && result.outcome === Outcome.NO_REPLY;
      if (result.serverState !== ServerState.IN_PROGRESS && !isLate) {
        throw new AppError('conflict', `result ${resultId} is not awaiting a report (server_state ${result.serverState}, outcome ${result.outcome})`);
      }
      const wrong = mismatches(WorkunitInput.parse(JSON.parse(wu.inputJson)), upload.output);
      if (wrong.length > 0) {
        throw new AppError('invalid_result', `the envelope does not match workunit ${wu.name}: ${wrong.join('; ')}`, { issues: wrong });
      }
      await recordReceivedResult(trx, resultId, {
        serverState: ServerState.OVER, outcome: Outcome.SUCCESS, validateState: ValidateState.INIT, receivedTime: nowS,
        outputJson: JSON.stringify(upload.output), outputDigest: digest, backend: upload.backend, adapter: upload.adapter,
        computeMs: upload.computeMs, elapsedS: result.sentTime === null ? null : Math.max(0, nowS - result.sentTime),
      });
      await validateInSavepoint(trx, deps, wu.id, nowS);
      receipt = 'accepted';
    }
    const after = await verdictAndCreditOfResult(trx, resultId);
    return {
      v: PROTOCOL_VERSION, resultId: ResultId.parse(resultId), receipt, verdict: verdictOf(after?.validateState ?? ValidateState.INIT),
      grantedCredit: after?.credit ?? 0,
    };
  });
}
