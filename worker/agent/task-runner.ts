import type { Remote } from 'comlink';
import { proxy } from 'comlink';
import { AppError } from '../../shared/errors.ts';
import type { Authenticator } from '../../shared/ids.ts';
import type { BackendName } from '../../shared/protocol/capabilities.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import { ResultUpload } from '../../shared/protocol/result-upload.ts';
import type { AgentSettings, TaskView } from '../api.ts';
import type { ComputeApi, ComputeEvent, ComputeOutcome } from '../compute/compute-protocol.ts';
import type { ProfileStore } from '../storage/profile-store.ts';
import type { StoredEvent, StoredTask } from '../storage/records.ts';
import type { AgentState } from './agent-state.ts';
import type { ComputePool } from './compute-pool.ts';
import { etaSeconds } from './eta.ts';
import type { ServerClient } from './server-client.ts';

/** Heartbeats (the progress route) go out at most this often per task; the first goes out when the task starts. */
const HEARTBEAT_EVERY_MS = 5_000;

export interface ComputeHandle {
  readonly api: Remote<ComputeApi>;
  /** Settles only if the Worker dies on its own (load failure, uncaught error): a dead Worker answers nothing. */
  readonly crashed: Promise<ComputeOutcome>;
  /** Hard stop: wasm cannot be interrupted, so the Worker is killed; the task resumes from its checkpoint. */
  terminate(): void;
}

export interface TaskRunnerDeps {
  readonly store: ProfileStore;
  readonly client: ServerClient;
  readonly state: AgentState;
  readonly log: (event: StoredEvent) => Promise<void>;
  readonly getAuth: () => Authenticator | null;
  readonly settings: () => AgentSettings;
  readonly pool: Pick<ComputePool, 'acquire' | 'release'>;
  /** Epoch ms. */
  readonly nowMs: () => number;
}

/** A running task: `done` settles when it ended (finished into the outbox, stopped, aborted or failed). */
export interface RunningTask {
  readonly done: Promise<void>;
  stop(): Promise<void>;
  setCpuLimit(pct: number): Promise<void>;
}

/** Runs one stored task in its own compute Worker, sends heartbeats, and hands a finished result to the outbox. */
export function runTask(stored: StoredTask, deps: TaskRunnerDeps): RunningTask {
  const { task } = stored;
  const compute = deps.pool.acquire();
  let isReusable = false;
  let isAbortedByServer = false;
  let backend: BackendName = 'ort-wasm';
  let checkpointStep: number | null = null;
  let step = stored.step;
  let from = { step: stored.step, ms: deps.nowMs() };
  let lastHeartbeatMs = -Infinity;
  let isHeartbeatInFlight = false;

  const initial: TaskView = {
    resultId: task.resultId, name: task.name, experiment: task.input.experiment, phase: 'starting', step: stored.step,
    totalSteps: stored.totalSteps, backend: null, etaS: null, checkpoint: null, resumedFromStep: null,
    reportDeadlineUnixS: task.reportDeadlineUnixS,
  };
  deps.state.update({ tasks: [...deps.state.get().tasks.filter((t) => t.resultId !== task.resultId), initial] });

  const heartbeat = async (totalSteps: number): Promise<void> => {
    const auth = deps.getAuth();
    if (auth === null || isHeartbeatInFlight) return;
    isHeartbeatInFlight = true;
    lastHeartbeatMs = deps.nowMs();
    try {
      const ack = await deps.client.reportProgress(auth, task.resultId, {
        v: PROTOCOL_VERSION, step, totalSteps, fractionDone: Math.min(1, step / totalSteps), backend, checkpointStep,
      });
      deps.state.update({ connection: 'online' });
      if (ack.abort && !isAbortedByServer) {
        isAbortedByServer = true;
        await compute.api.stop();
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A missed heartbeat is not fatal: the task goes on and the result is uploaded later. Only shown as offline.
      if (error.code === 'unavailable') deps.state.update({ connection: 'offline' });
      else await deps.log({ atMs: deps.nowMs(), level: 'warn', code: error.code, message: `Heartbeat for ${task.name} refused: ${error.message}` });
    } finally {
      isHeartbeatInFlight = false;
    }
  };

  const onEvent = (event: ComputeEvent): void => {
    const now = deps.nowMs();
    if (event.type === 'started') {
      backend = event.backend;
      const resumedFromStep = event.resumedFrom?.step ?? null;
      from = { step: resumedFromStep ?? 0, ms: now };
      step = from.step;
      checkpointStep = resumedFromStep;
      deps.state.updateTask(task.resultId, { phase: 'running', backend, resumedFromStep, step, checkpoint: event.resumedFrom });
      if (resumedFromStep !== null) {
        void deps.log({ atMs: now, level: 'info', code: null, message: `Resumed ${task.name} from its checkpoint at step ${resumedFromStep}.` });
      }
      void heartbeat(stored.totalSteps);
    } else if (event.type === 'progress') {
      step = event.step;
      const etaS = etaSeconds({ fromStep: from.step, fromMs: from.ms, step, totalSteps: event.totalSteps, nowMs: now });
      deps.state.updateTask(task.resultId, { step, totalSteps: event.totalSteps, etaS });
      if (now - lastHeartbeatMs >= HEARTBEAT_EVERY_MS) void heartbeat(event.totalSteps);
    } else {
      checkpointStep = event.step;
      deps.state.updateTask(task.resultId, { checkpoint: { step: event.step, savedAtMs: event.savedAtMs } });
      void deps.store.putTask({ ...stored, step: event.step });
    }
  };

  const settings = deps.settings();
  const request = { task, checkpointIntervalMs: settings.checkpointIntervalS * 1000, cpuLimitPct: settings.cpuLimitPct };
  const done = Promise.race([compute.api.run(request, proxy(onEvent)), compute.crashed])
    .then((outcome) => {
      // Reuse only a Worker that ended a task cleanly; a stopped or crashed one may hold half a run.
      isReusable = outcome.kind === 'finished' || (outcome.kind === 'failed' && outcome.code !== 'internal');
      return settle(outcome);
    })
    .finally(() => {
      deps.pool.release(compute, isReusable);
      deps.state.update({ tasks: deps.state.get().tasks.filter((t) => t.resultId !== task.resultId) });
    });

  const settle = async (outcome: ComputeOutcome): Promise<void> => {
    const now = deps.nowMs();
    if (outcome.kind === 'finished') {
      const upload = ResultUpload.safeParse({
        v: PROTOCOL_VERSION, backend: outcome.backend, adapter: outcome.adapter, computeMs: outcome.computeMs, output: outcome.envelope,
      });
      if (!upload.success) {
        await deps.store.dropTask(task.resultId);
        await deps.log({ atMs: now, level: 'error', code: 'invalid_result', message: `${task.name} produced a result that does not fit the envelope: ${upload.error.issues[0]?.message ?? ''}` });
        return;
      }
      await deps.store.finishTask({ resultId: task.resultId, name: task.name, upload: upload.data, attempts: 0, nextAttemptAtMs: now, lastError: null });
      await deps.log({ atMs: now, level: 'info', code: null, message: `Finished ${task.name} on ${outcome.backend} in ${(outcome.computeMs / 1000).toFixed(1)} s.` });
    } else if (outcome.kind === 'stopped') {
      if (!isAbortedByServer) return; // stopped by the volunteer: stays in IndexedDB and resumes from its checkpoint
      await deps.store.dropTask(task.resultId);
      await deps.log({ atMs: now, level: 'warn', code: null, message: `The server no longer needs ${task.name}; dropped it.` });
    } else {
      if (outcome.code === 'quota_exceeded') {
        deps.state.update({ problem: { code: outcome.code, message: outcome.message, atMs: now } });
        await deps.log({ atMs: now, level: 'error', code: outcome.code, message: outcome.message });
        return; // kept: it resumes once there is space
      }
      await deps.store.dropTask(task.resultId);
      await deps.log({ atMs: now, level: 'error', code: outcome.code, message: `${task.name} failed: ${outcome.message}` });
    }
  };

  return {
    done,
    stop: () => compute.api.stop(),
    setCpuLimit: (pct) => compute.api.setCpuLimit(pct),
  };
}
