import type { Db } from '../db/connection.ts';
import { tryDaemonLock, type DaemonLock } from '../db/daemon-lock.ts';

/** This instance's part in choosing the one daemon runner among the instances sharing a database. */
export interface DaemonElection {
  /** Whether this instance holds the daemon lock (and so runs the daemons). */
  readonly isRunner: () => boolean;
  /** Stops trying and gives the lock up (another instance takes it at its next try). */
  readonly stop: () => Promise<void>;
}

/**
 * Tries to take the daemon lock now (awaited, so a lone server runs its daemons before it listens) and, while another
 * instance holds it, again every `retryMs`, so a standby takes over when the runner stops or dies. `onElected` runs once,
 * when the lock is taken. On SQLite the first try always wins (db/daemon-lock.ts).
 */
export async function startDaemonElection(deps: {
  db: Db;
  retryMs: number;
  onElected: () => Promise<void>;
  onError: (error: unknown) => void;
}): Promise<DaemonElection> {
  let lock: DaemonLock | null = null;
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  let attempt: Promise<void> = Promise.resolve();

  const tryOnce = async (): Promise<void> => {
    lock = await tryDaemonLock(deps.db);
    if (lock === null) schedule();
    else await deps.onElected();
  };
  const schedule = (): void => {
    if (isStopped) return;
    timer = setTimeout(() => {
      attempt = tryOnce().catch((error: unknown) => {
        deps.onError(error);
        if (lock === null) schedule();
      });
    }, deps.retryMs);
  };

  await tryOnce();
  return {
    isRunner: () => lock !== null,
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await attempt;
      await lock?.release();
      lock = null;
    },
  };
}
