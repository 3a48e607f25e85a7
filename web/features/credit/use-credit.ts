import { useCallback, useEffect, useState } from 'react';
import type { CreditSummary } from '../../../shared/protocol/credit.ts';
import type { Outcome } from '../../../worker/api.ts';
import { useWorkerClient } from '../../compute/agent-context.ts';

/** This host's credit, loaded through the agent (it holds the host's authenticator); `reload` fetches again. */
export function useCredit(isConnected: boolean): { credit: Outcome<CreditSummary> | null; reload: () => void } {
  const { api } = useWorkerClient();
  const [credit, setCredit] = useState<Outcome<CreditSummary> | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!isConnected) return;
    let isCurrent = true;
    api.loadCredit().then((outcome) => { if (isCurrent) setCredit(outcome); }, (error: unknown) => {
      if (isCurrent) setCredit({ kind: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) });
    });
    return () => { isCurrent = false; };
  }, [api, isConnected, generation]);
  return { credit, reload: useCallback(() => { setGeneration((g) => g + 1); }, []) };
}
