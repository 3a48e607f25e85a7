import { z } from 'zod';
import { ErrorCode } from '../../shared/errors.ts';
import { Authenticator, HostId, ResultId, UserId } from '../../shared/ids.ts';
import { ResultUpload, ResultVerdict } from '../../shared/protocol/result-upload.ts';
import { Task } from '../../shared/protocol/work.ts';

// IndexedDB is an edge (STYLE §3): a record written by last month's build is foreign data, so every read is parsed
// with these schemas, and a record that does not parse is reported, never trusted.

export const StoredIdentity = z.object({ hostId: HostId, userId: UserId, authenticator: Authenticator });
export type StoredIdentity = z.infer<typeof StoredIdentity>;

export const StoredSettings = z.object({
  isRunning: z.boolean(),
  cores: z.number().int().min(1).max(1024),
  cpuLimitPct: z.number().int().min(1).max(100),
  checkpointIntervalS: z.number().min(1).max(3600),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** A leased task and how far it got (the step is refreshed at each heartbeat; the checkpoint is the truth). */
export const StoredTask = z.object({
  resultId: ResultId,
  task: Task,
  leasedAtMs: z.number(),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive(),
});
export type StoredTask = z.infer<typeof StoredTask>;

/** The kernel's checkpoint state is opaque here: the kernel validates it when it resumes. */
export const StoredCheckpoint = z.object({
  resultId: ResultId,
  step: z.number().int().nonnegative(),
  savedAtMs: z.number(),
  /** Compute time spent on the task up to this checkpoint, so a resumed task reports its whole cost. */
  computeMs: z.number().nonnegative(),
  state: z.unknown(),
});
export type StoredCheckpoint = z.infer<typeof StoredCheckpoint>;

export const StoredOutboxEntry = z.object({
  resultId: ResultId,
  name: z.string(),
  upload: ResultUpload,
  attempts: z.number().int().nonnegative(),
  nextAttemptAtMs: z.number(),
  lastError: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});
export type StoredOutboxEntry = z.infer<typeof StoredOutboxEntry>;

export const StoredEvent = z.object({
  atMs: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  code: ErrorCode.nullable(),
  message: z.string(),
  upload: z.object({ resultId: ResultId, verdict: ResultVerdict, grantedCredit: z.number() }).optional(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;
