import { z } from 'zod';
import { ResultId, WorkunitId } from '../ids.ts';
import { WorkunitInput } from '../envelope.ts';
import { Capabilities } from './capabilities.ts';
import { ProtocolVersion } from './version.ts';

/** `POST /api/v1/work`: a host asks for up to `maxTasks` tasks. Results it still holds are listed so none is resent. */
export const WorkRequest = z.object({
  v: ProtocolVersion,
  capabilities: Capabilities,
  maxTasks: z.number().int().min(0).max(64),
  /** Results this host is still computing (so the server can tell it which to abort). */
  inProgress: z.array(ResultId).max(256),
});
export type WorkRequest = z.infer<typeof WorkRequest>;

/** One leased result: the task a host computes. */
export const Task = z.object({
  resultId: ResultId,
  workunitId: WorkunitId,
  /** BOINC-style result name, `<wu name>_<n>`. */
  name: z.string(),
  appVersion: z.number().int().positive(),
  input: WorkunitInput,
  rscFpopsEst: z.number().positive(),
  reportDeadlineUnixS: z.number().int().positive(),
});
export type Task = z.infer<typeof Task>;

export const WorkReply = z.object({
  v: ProtocolVersion,
  tasks: z.array(Task),
  /** Results the host must stop and drop (deadline passed and reissued, workunit cancelled or already done). */
  abort: z.array(ResultId),
  /** Seconds before the next work request is welcome (BOINC `request_delay`). */
  requestDelayS: z.number().nonnegative(),
  /** Why no task was given, when `tasks` is empty. */
  noWorkReason: z.enum(['none', 'no_work', 'daily_quota', 'enough_in_progress']),
});
export type WorkReply = z.infer<typeof WorkReply>;
