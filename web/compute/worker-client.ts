import { proxy, wrap, type Remote } from 'comlink';
import type { AgentSnapshot, ConnectOutcome, WorkerApi } from '../../worker/api.ts';

/** The page's handle on the agent: the typed remote API and one shared stream of snapshots. */
export interface WorkerClient {
  readonly api: Remote<WorkerApi>;
  /** Connects once (later calls share the first one) and adds a snapshot listener; returns its removal. */
  subscribe(listener: (snapshot: AgentSnapshot) => void): { outcome: Promise<ConnectOutcome>; unsubscribe: () => void };
}

/**
 * The only place that creates the agent Worker (STYLE §4). It also asks for persistent storage, which only a Window
 * can do, and tells the worker the answer.
 */
export function createWorkerClient(apiOrigin: string): WorkerClient {
  // A module Worker, because it spawns the compute Workers and they import ORT's ES module. Vite bundles the script
  // from this `new URL(…, import.meta.url)` pattern.
  const worker = new Worker(new URL('../../worker/main.ts', import.meta.url), { type: 'module', name: 'axiom-agent' });
  const api = wrap<WorkerApi>(worker);
  const listeners = new Set<(snapshot: AgentSnapshot) => void>();
  let last: AgentSnapshot | null = null;
  let connection: Promise<ConnectOutcome> | null = null;

  const connect = async (): Promise<ConnectOutcome> => {
    const isStoragePersisted = await navigator.storage.persist().catch((error: unknown) => {
      console.warn('navigator.storage.persist() failed', error); // shown as "not persistent" on the page
      return false;
    });
    return api.connect({ serverOrigin: apiOrigin, isStoragePersisted }, proxy((snapshot: AgentSnapshot) => {
      last = snapshot;
      for (const listener of listeners) listener(snapshot);
    }));
  };

  return {
    api,
    subscribe(listener) {
      listeners.add(listener);
      if (last !== null) listener(last);
      connection ??= connect();
      return { outcome: connection, unsubscribe: () => { listeners.delete(listener); } };
    },
  };
}
