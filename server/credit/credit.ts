import { FLOPS_PER_CREDIT } from '../../shared/boinc-states.ts';

/** RAC half-life, BOINC's `CREDIT_HALF_LIFE` (`sched/sched_util_basic.h`): 7 days. */
export const CREDIT_HALF_LIFE_S = 7 * 86_400;

/**
 * Credit of one valid result from the workunit's server-side FLOP estimate (BOINC `--credit_from_wu`, boinc.md §11.2).
 * The host's self-reported time never enters, so it cannot be padded. Negative or non-finite estimates are a bug.
 */
export function creditForFlops(rscFpopsEst: number): number {
  if (!(Number.isFinite(rscFpopsEst) && rscFpopsEst >= 0)) throw new RangeError(`rsc_fpops_est must be finite and ≥ 0, got ${rscFpopsEst}`);
  return rscFpopsEst / FLOPS_PER_CREDIT;
}

/** Recent average credit (credits/day) and the time it was last brought up to date, as BOINC's `expavg_credit`/`expavg_time`. */
export interface Rac {
  readonly avg: number;
  readonly avgTimeS: number;
}

/**
 * BOINC's `update_average` (`lib/util.cpp`, boinc.md §11.3) for a grant of `credit` at `nowS`. Accounts start with
 * `avgTimeS` = their creation time (as BOINC creates users and hosts), so the first-grant branch, which would divide by
 * the first job's turnaround, is never taken; a zero-credit update is the daily decay.
 */
export function updateRac(rac: Rac, nowS: number, credit: number): Rac {
  const d = Math.max(0, nowS - rac.avgTimeS);
  const w = Math.exp((-d * Math.LN2) / CREDIT_HALF_LIFE_S);
  // When 1 − w is tiny (Δ ≲ 0.9 s) (1 − w)·W/Δ loses precision: BOINC uses its limit, ln2·W·86400/H.
  const added = 1 - w > 1e-6 ? ((1 - w) * credit) / (d / 86_400) : (Math.LN2 * credit * 86_400) / CREDIT_HALF_LIFE_S;
  return { avg: rac.avg * w + added, avgTimeS: Math.max(rac.avgTimeS, nowS) };
}

/** RAC at `nowS` replayed from an account's ledger rows (any order), starting at the account's creation. */
export function racFromLedger(
  grants: readonly { readonly credit: number; readonly grantedAt: number }[],
  createdAtS: number,
  nowS: number,
): number {
  const ordered = [...grants].sort((a, b) => a.grantedAt - b.grantedAt || a.credit - b.credit); // ties: a fixed order
  let rac: Rac = { avg: 0, avgTimeS: createdAtS };
  for (const g of ordered) rac = updateRac(rac, g.grantedAt, g.credit);
  return updateRac(rac, nowS, 0).avg;
}
