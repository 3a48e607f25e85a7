import { AppError } from '../../shared/errors.ts';
import type { Authenticator, ResultId } from '../../shared/ids.ts';
import type { Capabilities } from '../../shared/protocol/capabilities.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Experiment } from '../../experiments/experiment.ts';
import type { AgentSettings, SettingsPatch } from '../api.ts';
import type { ProfileStore } from '../storage/profile-store.ts';
import type { StoredEvent, StoredIdentity, StoredTask } from '../storage/records.ts';
import type { AgentState } from './agent-state.ts';
import { retryDelayMs } from './backoff.ts';
import { createComputePool } from './compute-pool.ts';
import { createOutbox } from './outbox.ts';
import type { ServerClient } from './server-client.ts';
import { runTask, type ComputeHandle, type RunningTask } from './task-runner.ts';

export interface AgentDeps {
  readonly store: ProfileStore;
  readonly client: ServerClient;
  readonly state: AgentState;
  readonly capabilities: (cores: number) => Capabilities;
  readonly findExperiment: (name: string) => Experiment | undefined;
  readonly spawnCompute: () => ComputeHandle;
  /** Epoch ms. */
  readonly nowMs: () => number;
  readonly jitter01: () => number;
}

/** The commands a tab can send to the leader's agent. */
export interface AgentControl {
  setRunning(isRunning: boolean): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<void>;
  retryOutboxNow(): Promise<void>;
}

/**
 * The volunteer loop of the leader tab: attach once (identity kept in IndexedDB), upload what the outbox holds, run
 * stored tasks (resuming from checkpoints), ask for work up to the allowed cores, wait until something changes or
 * the server's delay is over, repeat. Returns the control surface; the loop runs until the Worker goes away.
 */
export async function startAgent(deps: AgentDeps, initialSettings: AgentSettings): Promise<AgentControl> {
  const { store, client, state } = deps;
  let settings = initialSettings;
  let identity: StoredIdentity | null = await store.getIdentity();
  const running = new Map<ResultId, RunningTask>();
  let nextWorkAtMs = 0;
  let failures = 0;
  let wake = new AbortController();
  let isOutboxForced = false;

  const log = async (event: StoredEvent): Promise<void> => {
    await store.appendEvent(event);
    state.update({ events: await store.recentEvents(50) });
  };
  const nudge = (): void => { wake.abort(); };
  const pool = createComputePool(deps.spawnCompute, () => settings.cores);
  const outbox = createOutbox({ store, client, state, log, getAuth: () => identity?.authenticator ?? null, nowMs: deps.nowMs, jitter01: deps.jitter01 });

  state.update({
    settings, events: await store.recentEvents(50),
    host: identity === null ? null : { hostId: identity.hostId, userId: identity.userId },
  });

  /** A task's bookkeeping failed (e.g. the disk filled while moving it to the outbox): shown, never swallowed. */
  const reportFailure = (error: unknown): void => {
    if (!(error instanceof AppError)) console.error('task bookkeeping failed', error); // stack for the developer
    const code = error instanceof AppError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    state.update({ problem: { code, message, atMs: deps.nowMs() } });
  };

  const ensureIdentity = async (): Promise<Authenticator> => {
    if (identity !== null) return identity.authenticator;
    const reply = await client.attachHost({ v: PROTOCOL_VERSION, capabilities: deps.capabilities(settings.cores), identity: null });
    identity = { hostId: reply.hostId, userId: reply.userId, authenticator: reply.authenticator };
    await store.putIdentity(identity);
    state.update({ host: { hostId: reply.hostId, userId: reply.userId } });
    await log({ atMs: deps.nowMs(), level: 'info', code: null, message: `Attached as host ${reply.hostId}.` });
    return identity.authenticator;
  };

  const startStored = (stored: StoredTask): void => {
    const task = runTask(stored, {
      store, client, state, log, getAuth: () => identity?.authenticator ?? null, settings: () => settings,
      pool, nowMs: deps.nowMs,
    });
    running.set(stored.resultId, task);
    void task.done
      .catch((error: unknown) => reportFailure(error))
      .finally(() => { running.delete(stored.resultId); nudge(); });
  };

  const requestWork = async (auth: Authenticator, maxTasks: number): Promise<void> => {
    const { records } = await store.listTasks();
    // Results waiting in the outbox count as held: otherwise the server would resend them as lost and we would
    // compute them twice (BOINC's resend_lost_results).
    const held = new Set([...records.map((r) => r.resultId), ...state.get().outbox.map((o) => o.resultId)]);
    const reply = await client.requestWork(auth, {
      v: PROTOCOL_VERSION, capabilities: deps.capabilities(settings.cores), maxTasks, inProgress: [...held],
    });
    state.update({ connection: 'online' });
    for (const resultId of reply.abort) {
      await running.get(resultId)?.stop();
      await store.dropTask(resultId);
    }
    for (const task of reply.tasks) {
      if (held.has(task.resultId)) continue; // already ours: running, or finished and waiting to upload
      const totalSteps = deps.findExperiment(task.input.experiment)?.totalSteps(task.input.params) ?? 1;
      await store.putTask({ resultId: task.resultId, task, leasedAtMs: deps.nowMs(), step: 0, totalSteps });
      await log({ atMs: deps.nowMs(), level: 'info', code: null, message: `Got ${task.name} (${task.input.experiment}).` });
    }
    const delayMs = reply.requestDelayS * 1000;
    nextWorkAtMs = deps.nowMs() + (reply.tasks.length > 0 ? delayMs : Math.max(delayMs, 5_000));
    state.update({ idle: reply.tasks.length > 0 ? null : { reason: reply.noWorkReason === 'none' ? 'no_work' : reply.noWorkReason, untilMs: nextWorkAtMs } });
  };

  const tick = async (): Promise<number | null> => {
    const outboxDueMs = await outbox.flush(isOutboxForced);
    isOutboxForced = false;
    if (!settings.isRunning) {
      await Promise.all([...running.values()].map((t) => t.stop()));
      pool.drain();
      state.update({ idle: { reason: 'stopped', untilMs: null } });
      return outboxDueMs;
    }
    const { records, droppedCount } = await store.listTasks();
    if (droppedCount > 0) await log({ atMs: deps.nowMs(), level: 'warn', code: 'internal', message: `Dropped ${droppedCount} unreadable stored task(s).` });
    for (const stored of records) {
      if (running.size >= settings.cores) break;
      if (!running.has(stored.resultId)) startStored(stored);
    }
    const wanted = settings.cores - records.length;
    if (wanted > 0 && deps.nowMs() >= nextWorkAtMs) {
      // Nothing computes yet: let a compute Worker load its engine while attach and the work request are in flight.
      if (running.size === 0) pool.warm();
      const auth = await ensureIdentity();
      await requestWork(auth, wanted);
      const fresh = (await store.listTasks()).records.filter((r) => !running.has(r.resultId));
      for (const stored of fresh) if (running.size < settings.cores) startStored(stored);
    }
    if (running.size > 0) state.update({ idle: null });
    return Math.min(outboxDueMs ?? Infinity, wanted > 0 ? nextWorkAtMs : Infinity);
  };

  const loop = async (): Promise<never> => {
    let isLoopProblem = false;
    for (;;) {
      let untilMs: number | null = null;
      // Replaced before the tick, so a nudge that arrives during the tick cuts the following wait short.
      wake = new AbortController();
      try {
        untilMs = await tick();
        failures = 0;
        // Only the loop's own failure clears itself; a refused upload or a full disk stays until the volunteer acts.
        if (isLoopProblem) state.update({ problem: null });
        isLoopProblem = false;
      } catch (error) {
        if (!(error instanceof AppError)) throw error; // a bug: crash loudly
        failures++;
        untilMs = deps.nowMs() + retryDelayMs(failures, deps.jitter01());
        if (error.code === 'unauthorized' && identity !== null) {
          // The server no longer knows this host (e.g. a wiped server): attach again as a new host.
          identity = null;
          state.update({ host: null });
        }
        const isOffline = error.code === 'unavailable';
        isLoopProblem = true;
        state.update({
          connection: isOffline ? 'offline' : state.get().connection,
          idle: { reason: isOffline ? 'offline' : 'failed', untilMs },
          problem: { code: error.code, message: error.message, atMs: deps.nowMs() },
        });
        await log({ atMs: deps.nowMs(), level: isOffline ? 'warn' : 'error', code: error.code, message: error.message }).catch(
          (logError: unknown) => { console.error('event log write failed', logError); }, // shown as the problem above
        );
      }
      const waitMs = untilMs === null || untilMs === Infinity ? 60_000 : Math.max(0, untilMs - deps.nowMs());
      await new Promise<void>((resolve) => {
        const signal = AbortSignal.any([wake.signal, AbortSignal.timeout(waitMs)]);
        if (signal.aborted) resolve(); // nudged during the tick: an aborted signal fires no event
        else signal.addEventListener('abort', () => { resolve(); }, { once: true });
      });
    }
  };
  void loop();

  const applySettings = async (next: AgentSettings): Promise<void> => {
    settings = next;
    await store.putSettings(settings);
    state.update({ settings, problem: null }); // the volunteer acted on what the banner said
    await Promise.all([...running.values()].map((t) => t.setCpuLimit(settings.cpuLimitPct)));
    nudge();
  };
  return {
    setRunning: (isRunning) => applySettings({ ...settings, isRunning }),
    updateSettings: (patch) => applySettings(clampSettings({ ...settings, ...patch }, state.get().maxCores)),
    retryOutboxNow: () => { isOutboxForced = true; nudge(); return Promise.resolve(); },
  };
}

/** Keeps settings inside their ranges (they come from any tab's UI). */
export function clampSettings(s: AgentSettings, maxCores: number): AgentSettings {
  const clamp = (v: number, lo: number, hi: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo);
  return {
    isRunning: s.isRunning,
    cores: Math.round(clamp(s.cores, 1, Math.max(1, maxCores))),
    cpuLimitPct: Math.round(clamp(s.cpuLimitPct, 1, 100)),
    checkpointIntervalS: clamp(s.checkpointIntervalS, 1, 3600),
  };
}
