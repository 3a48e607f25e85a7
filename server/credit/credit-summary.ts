import { ExperimentName } from '../../shared/envelope.ts';
import { ResultId, UserId } from '../../shared/ids.ts';
import type { CreditSummary } from '../../shared/protocol/credit.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Db } from '../db/connection.ts';
import { ledgerOfUser, pendingFlopsOfUser, reportedResultsOfUser, userCreatedAt } from '../db/credit-repo.ts';
import { verdictOf } from '../scheduler/verdict.ts';
import { creditForFlops, racFromLedger } from './credit.ts';

/** Results listed in a credit summary, newest first. */
const RECENT_RESULTS = 100;

/**
 * `GET /api/v1/credit` for one account: total and RAC derived from the append-only ledger, pending credit from the
 * FLOP estimates of reported results not yet validated, and the recent results. Read in one transaction so the
 * figures agree with each other.
 */
export async function creditSummary(db: Db, userId: number, nowS: number): Promise<CreditSummary> {
  return db.transaction().execute(async (trx) => {
    const createdAt = await userCreatedAt(trx, userId);
    if (createdAt === undefined) throw new Error(`credit summary: user ${userId} of an authenticated host does not exist`);
    const ledger = await ledgerOfUser(trx, userId);
    const pendingFlops = await pendingFlopsOfUser(trx, userId);
    const recent = await reportedResultsOfUser(trx, userId, RECENT_RESULTS);
    return {
      v: PROTOCOL_VERSION,
      userId: UserId.parse(userId),
      totalCredit: ledger.reduce((sum, g) => sum + g.credit, 0),
      pendingCredit: creditForFlops(pendingFlops),
      rac: racFromLedger(ledger, createdAt, nowS),
      results: recent.map((r) => ({
        resultId: ResultId.parse(r.id), name: r.name, experiment: ExperimentName.parse(r.experiment),
        verdict: verdictOf(r.validateState), credit: r.credit ?? 0, claimedCredit: creditForFlops(r.rscFpopsEst),
        reportedUnixS: r.receivedTime ?? 0,
      })),
    };
  });
}
