import { ServerState } from '../../shared/boinc-states.ts';
import { WorkunitInput } from '../../shared/envelope.ts';
import { ResultId, WorkunitId } from '../../shared/ids.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Task, WorkReply, WorkRequest } from '../../shared/protocol/work.ts';
import type { Db } from '../db/connection.ts';
import { updateHostCapabilities, type HostRow } from '../db/hosts-repo.ts';
import { findDispatchCandidates, findHostLeases, findLeases, leaseResult, type DispatchCandidate } from '../db/results-repo.ts';
import { scheduleTransitions } from '../db/workunits-repo.ts';

/** Leases a host may hold per allowed core (BOINC's `max_wus_in_progress` idea): enough to keep cores busy while uploading. */
const IN_PROGRESS_PER_CORE = 2;
/** Candidate queries per request when concurrent dispatches keep taking the candidates first. */
const LEASE_ROUNDS = 3;
/** `request_delay` when there is nothing to send, so idle hosts do not hammer the server. */
const IDLE_REQUEST_DELAY_S = 60;

function toTask(c: DispatchCandidate, reportDeadlineUnixS: number): Task {
  return {
    resultId: ResultId.parse(c.id), workunitId: WorkunitId.parse(c.workunitId), name: c.name, appVersion: c.appVersion,
    input: WorkunitInput.parse(JSON.parse(c.inputJson)), rscFpopsEst: c.rscFpopsEst, reportDeadlineUnixS,
  };
}

/**
 * `POST /api/v1/work` (BOINC's scheduler, boinc.md §2–6), one transaction:
 * - records the host's capabilities and contact;
 * - `abort`: results the host says it holds that are no longer its lease (timed out, reissued, never its own);
 * - resends lost work (BOINC `resend_lost_work`): leases of this host it did not list in `inProgress`, with their
 *   deadline unchanged, so a host that lost a task gets it back instead of holding a dead lease until the deadline;
 * - leases fresh results up to `maxTasks` and a per-core cap: oldest workunit first, never two replicas of one workunit
 *   to the same host or user, only work it can finish before the deadline at its measured speed; each lease is 2 → 4
 *   with `sent_time` and `report_deadline` = now + `delay_bound`.
 */
export async function dispatchWork(db: Db, host: HostRow, request: WorkRequest, nowS: number): Promise<WorkReply> {
  return db.transaction().execute(async (trx) => {
    await updateHostCapabilities(trx, host.id, request.capabilities, nowS);
    const listed = await findLeases(trx, request.inProgress);
    const byId = new Map(listed.map((l) => [l.id, l]));
    const abort = request.inProgress.filter((id) => {
      const lease = byId.get(id);
      return lease === undefined || lease.hostId !== host.id || lease.serverState !== ServerState.IN_PROGRESS;
    });

    const held = await findHostLeases(trx, host.id);
    const listedIds = new Set<number>(request.inProgress);
    const tasks: Task[] = held
      .filter((l) => !listedIds.has(l.id) && l.reportDeadline !== null && l.reportDeadline > nowS)
      .slice(0, request.maxTasks)
      .map((l) => toTask(l, l.reportDeadline ?? 0));

    const room = request.capabilities.cores * IN_PROGRESS_PER_CORE - held.length;
    const wanted = Math.min(request.maxTasks - tasks.length, room);
    if (wanted > 0) {
      const takenWorkunits = new Set<number>();
      const dueAt = new Map<number, number[]>(); // wake-up time → workunits leased now: one UPDATE per distinct time
      const speed = request.capabilities.flopsPerSecond;
      let fresh = 0;
      // A lease is lost only to a concurrent dispatch (PostgreSQL, several instances): the candidates it was chosen
      // from may then all be gone, so look again, a bounded number of times. On SQLite every round but the first is
      // skipped, as dispatches run one after another there.
      for (let round = 0; round < LEASE_ROUNDS && fresh < wanted; round++) {
        // Over-fetch a little: candidates may include several replicas of one workunit, and only one may go to this host.
        const candidates = await findDispatchCandidates(trx, { hostId: host.id, userId: host.userId }, wanted * 3 + 8);
        let lost = 0;
        for (const c of candidates) {
          if (fresh >= wanted) break;
          if (takenWorkunits.has(c.workunitId)) continue;
          if (speed !== null && c.rscFpopsEst / speed > c.delayBound) continue; // could not finish in time
          const deadlineS = nowS + c.delayBound;
          if (!(await leaseResult(trx, { resultId: c.id, hostId: host.id, userId: host.userId, nowS, deadlineS }))) {
            lost++;
            continue;
          }
          dueAt.set(deadlineS + 1, [...(dueAt.get(deadlineS + 1) ?? []), c.workunitId]);
          takenWorkunits.add(c.workunitId);
          tasks.push(toTask(c, deadlineS));
          fresh++;
        }
        if (lost === 0) break;
      }
      for (const [atS, workunitIds] of dueAt) await scheduleTransitions(trx, workunitIds, atS);
    }
    if (tasks.length > 0) return { v: PROTOCOL_VERSION, tasks, abort, requestDelayS: 0, noWorkReason: 'none' };
    const noWorkReason = request.maxTasks === 0 ? 'none' : room <= 0 ? 'enough_in_progress' : 'no_work';
    return { v: PROTOCOL_VERSION, tasks, abort, requestDelayS: IDLE_REQUEST_DELAY_S, noWorkReason };
  });
}
