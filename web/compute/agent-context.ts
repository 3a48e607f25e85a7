import { createContext, useContext } from 'react';
import type { WorkerClient } from './worker-client.ts';

/** The one WorkerClient of this page, provided by App. */
export const AgentContext = createContext<WorkerClient | null>(null);

export function useWorkerClient(): WorkerClient {
  const client = useContext(AgentContext);
  if (client === null) throw new Error('useWorkerClient outside <AgentContext.Provider>: App provides it');
  return client;
}
