import { z } from 'zod';
import { ProtocolVersion } from './version.ts';
import { BackendName } from './capabilities.ts';

/** `POST /api/v1/results/:resultId/progress`: heartbeat of a running task. */
export const ProgressReport = z.object({
  v: ProtocolVersion,
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive(),
  fractionDone: z.number().min(0).max(1),
  backend: BackendName,
  /** Step of the last checkpoint stored on the host, null before the first. */
  checkpointStep: z.number().int().nonnegative().nullable(),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const ProgressAck = z.object({
  v: ProtocolVersion,
  /** True when the host must stop this task and drop it (it was reissued or is no longer needed). */
  abort: z.boolean(),
  reportDeadlineUnixS: z.number().int().positive(),
});
export type ProgressAck = z.infer<typeof ProgressAck>;
