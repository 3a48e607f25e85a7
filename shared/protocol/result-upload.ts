import { z } from 'zod';
import { ResultId } from '../ids.ts';
import { ResultEnvelope } from '../envelope.ts';
import { ProtocolVersion } from './version.ts';
import { BackendName } from './capabilities.ts';

/** `POST /api/v1/results/:resultId`: sent by a host when a task finishes. The server trusts none of it. */
export const ResultUpload = z.object({
  v: ProtocolVersion,
  backend: BackendName,
  /** Validators group or compare replicas by platform (`reference/runtime.md` §1.6). */
  adapter: z.string().max(200),
  /** Self-reported, so never the only input to credit. */
  computeMs: z.number().int().nonnegative(),
  output: ResultEnvelope,
});
export type ResultUpload = z.infer<typeof ResultUpload>;

/** Validation state as the volunteer sees it. */
export const ResultVerdict = z.enum(['pending', 'valid', 'invalid', 'inconclusive']);
export type ResultVerdict = z.infer<typeof ResultVerdict>;

export const UploadAck = z.object({
  v: ProtocolVersion,
  resultId: ResultId,
  /** `duplicate` when the same result was already received: the reply is the same, nothing is counted twice. */
  receipt: z.enum(['accepted', 'duplicate']),
  verdict: ResultVerdict,
  /** Credit granted to this result so far (0 while pending). */
  grantedCredit: z.number().nonnegative(),
});
export type UploadAck = z.infer<typeof UploadAck>;
