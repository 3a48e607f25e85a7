import type { ResultId } from '../../shared/ids.ts';
import type { AgentSettings, AgentSnapshot, TaskView } from '../api.ts';

/** Settings of a fresh profile. Half the cores: the volunteer's own work keeps the rest. */
export function defaultSettings(maxCores: number): AgentSettings {
  return { isRunning: false, cores: Math.max(1, Math.floor(maxCores / 2)), cpuLimitPct: 100, checkpointIntervalS: 10 };
}

export function emptySnapshot(maxCores: number): AgentSnapshot {
  return {
    role: 'electing', settings: defaultSettings(maxCores), maxCores, host: null, connection: 'unknown', idle: null,
    tasks: [], outbox: [], events: [], storage: null, problem: null,
  };
}

/**
 * The agent's state as one immutable snapshot, replaced on every change and pushed to every listener (this tab's page,
 * and over BroadcastChannel the other tabs).
 */
export function createAgentState(initial: AgentSnapshot) {
  let snapshot = initial;
  const listeners = new Set<(s: AgentSnapshot) => void>();
  const publish = () => { for (const listener of listeners) listener(snapshot); };
  return {
    get: (): AgentSnapshot => snapshot,
    update(patch: Partial<AgentSnapshot>): void {
      snapshot = { ...snapshot, ...patch };
      publish();
    },
    /** Replaces one task's view (no-op when the task is gone). */
    updateTask(resultId: ResultId, patch: Partial<TaskView>): void {
      if (!snapshot.tasks.some((t) => t.resultId === resultId)) return;
      snapshot = { ...snapshot, tasks: snapshot.tasks.map((t) => (t.resultId === resultId ? { ...t, ...patch } : t)) };
      publish();
    },
    subscribe(listener: (s: AgentSnapshot) => void): () => void {
      listeners.add(listener);
      listener(snapshot);
      return () => { listeners.delete(listener); };
    },
  };
}

export type AgentState = ReturnType<typeof createAgentState>;
