import { z } from 'zod';
import { ResultId, UserId } from '../ids.ts';
import { ExperimentName } from '../envelope.ts';
import { ProtocolVersion } from './version.ts';
import { ResultVerdict } from './result-upload.ts';

export const CreditResult = z.object({
  resultId: ResultId,
  name: z.string(),
  experiment: ExperimentName,
  verdict: ResultVerdict,
  /** Granted credit; 0 until valid. */
  credit: z.number().nonnegative(),
  /** Credit this result will earn if it validates (from the workunit's FLOP estimate). */
  claimedCredit: z.number().nonnegative(),
  reportedUnixS: z.number().int().nonnegative(),
});
export type CreditResult = z.infer<typeof CreditResult>;

/** `GET /api/v1/credit`: the volunteer's credit, for the host's account. */
export const CreditSummary = z.object({
  v: ProtocolVersion,
  userId: UserId,
  totalCredit: z.number().nonnegative(),
  pendingCredit: z.number().nonnegative(),
  /** Recent average credit (7-day half-life). */
  rac: z.number().nonnegative(),
  results: z.array(CreditResult),
});
export type CreditSummary = z.infer<typeof CreditSummary>;
