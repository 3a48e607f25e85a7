import { useEffect, useState } from 'react';
import type { AgentSnapshot, ConnectOutcome } from '../../worker/api.ts';
import type { WorkerClient } from './worker-client.ts';

/** The agent's latest snapshot (null until the first arrives) and how connecting ended. */
export function useAgent(client: WorkerClient): { snapshot: AgentSnapshot | null; connect: ConnectOutcome | null } {
  const [snapshot, setSnapshot] = useState<AgentSnapshot | null>(null);
  const [connect, setConnect] = useState<ConnectOutcome | null>(null);
  useEffect(() => {
    const { outcome, unsubscribe } = client.subscribe(setSnapshot);
    let isCurrent = true;
    outcome.then((o) => { if (isCurrent) setConnect(o); }, (error: unknown) => {
      if (isCurrent) setConnect({ kind: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) });
    });
    return () => { isCurrent = false; unsubscribe(); };
  }, [client]);
  return { snapshot, connect };
}
