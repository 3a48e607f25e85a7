import { ServerState } from '../../shared/boinc-states.ts';
import { AppError } from '../../shared/errors.ts';
import type { ProgressAck, ProgressReport } from '../../shared/protocol/progress.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Db } from '../db/connection.ts';
import { touchHost, type HostRow } from '../db/hosts-repo.ts';
import { findResultWithWorkunit } from '../db/results-repo.ts';
import { updateResult } from '../db/workunits-repo.ts';

/**
 * `POST /api/v1/results/:resultId/progress`: a running task's heartbeat. Updates the host's last contact and the
 * result's progress; `abort` is true once the lease is gone (timed out and reissued, or no longer needed).
 */
export async function reportProgress(db: Db, host: HostRow, resultId: number, report: ProgressReport, nowS: number): Promise<ProgressAck> {
  return db.transaction().execute(async (trx) => {
    const found = await findResultWithWorkunit(trx, resultId);
    if (found === undefined) throw new AppError('not_found', `result ${resultId} does not exist`);
    const { result } = found;
    if (result.hostId !== host.id || result.reportDeadline === null) {
      throw new AppError('conflict', `result ${resultId} is not leased to this host`);
    }
    await touchHost(trx, host.id, nowS);
    const isLeased = result.serverState === ServerState.IN_PROGRESS;
    if (isLeased) await updateResult(trx, resultId, { lastProgressTime: nowS, fractionDone: report.fractionDone });
    return { v: PROTOCOL_VERSION, abort: !isLeased, reportDeadlineUnixS: result.reportDeadline };
  });
}
