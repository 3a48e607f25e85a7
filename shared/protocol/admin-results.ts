import { z } from 'zod';
import { HostId, ResultId, WorkunitId } from '../ids.ts';
import { ProtocolVersion } from './version.ts';

export const AdminResult = z.object({
  resultId: ResultId,
  workunitId: WorkunitId,
  name: z.string(),
  hostId: HostId.nullable(),
  serverState: z.number().int(),
  outcome: z.number().int(),
  validateState: z.number().int(),
  /** SHA-256 (hex) of the canonical JSON of the output's science (fingerprints, canary, summary, curves). */
  outputDigest: z.string().nullable(),
  backend: z.string().nullable(),
  credit: z.number().nonnegative(),
});
export type AdminResult = z.infer<typeof AdminResult>;

/** `GET /api/v1/admin/results?workunitId=…` (admin key as bearer): results with their state and output digest. */
export const AdminResultList = z.object({ v: ProtocolVersion, results: z.array(AdminResult) });
export type AdminResultList = z.infer<typeof AdminResultList>;
