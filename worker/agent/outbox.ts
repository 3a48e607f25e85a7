import { AppError } from '../../shared/errors.ts';
import type { Authenticator } from '../../shared/ids.ts';
import type { OutboxView } from '../api.ts';
import type { ProfileStore } from '../storage/profile-store.ts';
import type { StoredEvent, StoredOutboxEntry } from '../storage/records.ts';
import { isRetryable } from './app-error-from.ts';
import type { AgentState } from './agent-state.ts';
import { retryDelayMs } from './backoff.ts';
import type { ServerClient } from './server-client.ts';

export interface OutboxDeps {
  readonly store: Pick<ProfileStore, 'listOutbox' | 'putOutbox' | 'deleteOutbox'>;
  readonly client: Pick<ServerClient, 'uploadResult'>;
  readonly state: AgentState;
  readonly log: (event: StoredEvent) => Promise<void>;
  readonly getAuth: () => Authenticator | null;
  /** Epoch ms. */
  readonly nowMs: () => number;
  /** A number in [0, 1) for backoff jitter. */
  readonly jitter01: () => number;
}

/**
 * Finished results waiting for the server. Each lives in IndexedDB from the moment its task ends until a 2xx
 * acknowledgement, so an unreachable server, a reload or a browser restart loses nothing: the entry is retried with
 * exponential backoff. A rejection that cannot change on retry (409, 422, …) is logged with the server's code and
 * the entry is dropped, since sending it again would be refused again.
 */
export function createOutbox(deps: OutboxDeps) {
  const refreshView = async (): Promise<StoredOutboxEntry[]> => {
    const { records } = await deps.store.listOutbox();
    deps.state.update({ outbox: records.map(toView) });
    return records;
  };

  const uploadOne = async (entry: StoredOutboxEntry, auth: Authenticator): Promise<void> => {
    try {
      const ack = await deps.client.uploadResult(auth, entry.resultId, entry.upload);
      await deps.store.deleteOutbox(entry.resultId);
      deps.state.update({ connection: 'online' });
      await deps.log({
        atMs: deps.nowMs(), level: 'info', code: null,
        message: `Uploaded ${entry.name} (${ack.receipt}, ${ack.verdict}).`,
        upload: { resultId: ack.resultId, verdict: ack.verdict, grantedCredit: ack.grantedCredit },
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (!isRetryable(error.code)) {
        await deps.store.deleteOutbox(entry.resultId);
        await deps.log({ atMs: deps.nowMs(), level: 'error', code: error.code, message: `Server refused ${entry.name}: ${error.message}` });
        deps.state.update({ problem: { code: error.code, message: `Server refused ${entry.name}: ${error.message}`, atMs: deps.nowMs() } });
        return;
      }
      const attempts = entry.attempts + 1;
      if (error.code === 'unavailable') deps.state.update({ connection: 'offline' });
      await deps.store.putOutbox({
        ...entry, attempts, nextAttemptAtMs: deps.nowMs() + retryDelayMs(attempts, deps.jitter01()),
        lastError: { code: error.code, message: error.message },
      });
      await deps.log({ atMs: deps.nowMs(), level: 'warn', code: error.code, message: `Upload of ${entry.name} failed (attempt ${attempts}); will retry: ${error.message}` });
    }
  };

  return {
    refreshView,
    /**
     * Uploads every entry that is due (all of them when `force`). Returns the epoch ms when the next entry falls due,
     * or null when the outbox is empty.
     */
    async flush(force: boolean): Promise<number | null> {
      const auth = deps.getAuth();
      const entries = await refreshView();
      if (auth !== null) {
        for (const entry of entries) {
          if (force || entry.nextAttemptAtMs <= deps.nowMs()) await uploadOne(entry, auth);
        }
      }
      const left = await refreshView();
      return left.length === 0 ? null : Math.min(...left.map((e) => e.nextAttemptAtMs));
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

function toView(entry: StoredOutboxEntry): OutboxView {
  return { resultId: entry.resultId, name: entry.name, attempts: entry.attempts, nextAttemptAtMs: entry.nextAttemptAtMs, lastError: entry.lastError };
}
