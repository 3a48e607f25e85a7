import type { z } from 'zod';
import type { ResultId } from '../../shared/ids.ts';
import type { AxiomDatabase } from './db.ts';
import { writeOrQuota } from './quota.ts';
import {
  StoredEvent, StoredIdentity, StoredOutboxEntry, StoredSettings, StoredTask,
} from './records.ts';

/** Events kept in the log; older ones are dropped when a new one is appended. */
const EVENT_LOG_LIMIT = 200;

/** Records read back, and how many were dropped because they no longer parse (an older build's shape). */
export interface Listed<T> {
  readonly records: T[];
  readonly droppedCount: number;
}

/**
 * Typed access to the profile's IndexedDB for the agent. Writes that can fill the disk go through `writeOrQuota`;
 * reads are parsed (records are foreign data). Multi-store changes are one transaction each, so a crash never
 * leaves a result both in `tasks` and in `outbox`, or in neither.
 */
export function createProfileStore(db: AxiomDatabase) {
  return {
    async getIdentity(): Promise<StoredIdentity | null> {
      return parseOrNull(StoredIdentity, await db.get('identity', 'self'));
    },
    putIdentity(identity: StoredIdentity): Promise<void> {
      return writeOrQuota('the host identity', async () => { await db.put('identity', identity, 'self'); });
    },
    /** The stored settings, or `fallback` on a fresh profile (or when the stored ones no longer parse). */
    async getSettings(fallback: StoredSettings): Promise<StoredSettings> {
      return parseOrNull(StoredSettings, await db.get('settings', 'self')) ?? fallback;
    },
    putSettings(settings: StoredSettings): Promise<void> {
      return writeOrQuota('the settings', async () => { await db.put('settings', settings, 'self'); });
    },
    async listTasks(): Promise<Listed<StoredTask>> {
      return dropUnparsable(db, 'tasks', StoredTask, await db.getAll('tasks'));
    },
    putTask(task: StoredTask): Promise<void> {
      return writeOrQuota('a task', async () => { await db.put('tasks', task); });
    },
    /** Forgets a task and its checkpoint (aborted by the server, or failed). */
    async dropTask(resultId: ResultId): Promise<void> {
      const tx = db.transaction(['tasks', 'checkpoints'], 'readwrite');
      await Promise.all([tx.objectStore('tasks').delete(resultId), tx.objectStore('checkpoints').delete(resultId), tx.done]);
    },
    /** Moves a finished task to the outbox: one transaction, so the result is never lost between the two. */
    finishTask(entry: StoredOutboxEntry): Promise<void> {
      return writeOrQuota('a finished result', async () => {
        const tx = db.transaction(['tasks', 'checkpoints', 'outbox'], 'readwrite');
        await Promise.all([
          tx.objectStore('outbox').put(entry),
          tx.objectStore('tasks').delete(entry.resultId),
          tx.objectStore('checkpoints').delete(entry.resultId),
          tx.done,
        ]);
      });
    },
    async listOutbox(): Promise<Listed<StoredOutboxEntry>> {
      return dropUnparsable(db, 'outbox', StoredOutboxEntry, await db.getAll('outbox'));
    },
    putOutbox(entry: StoredOutboxEntry): Promise<void> {
      return writeOrQuota('the outbox', async () => { await db.put('outbox', entry); });
    },
    async deleteOutbox(resultId: ResultId): Promise<void> {
      await db.delete('outbox', resultId);
    },
    /** Appends to the event log and trims it to the newest `EVENT_LOG_LIMIT` entries. */
    appendEvent(event: StoredEvent): Promise<void> {
      return writeOrQuota('the event log', async () => {
        const tx = db.transaction('events', 'readwrite');
        await tx.store.add(event);
        const count = await tx.store.count();
        let cursor = count > EVENT_LOG_LIMIT ? await tx.store.openCursor() : null;
        for (let excess = count - EVENT_LOG_LIMIT; cursor !== null && excess > 0; excess--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
        await tx.done;
      });
    },
    /** The newest `limit` events, newest first. */
    async recentEvents(limit: number): Promise<StoredEvent[]> {
      const events: StoredEvent[] = [];
      let cursor = await db.transaction('events').store.openCursor(null, 'prev');
      while (cursor !== null && events.length < limit) {
        const event = parseOrNull(StoredEvent, cursor.value);
        if (event !== null) events.push(event);
        cursor = await cursor.continue();
      }
      return events;
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;

function parseOrNull<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (value === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

async function dropUnparsable<T extends { resultId: ResultId }>(
  db: AxiomDatabase, store: 'tasks' | 'outbox', schema: z.ZodType<T>, values: unknown[],
): Promise<Listed<T>> {
  const records: T[] = [];
  let droppedCount = 0;
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      records.push(parsed.data);
      continue;
    }
    // An unreadable record would block the loop forever; the caller logs the count as an event.
    droppedCount++;
    const key = typeof value === 'object' && value !== null && 'resultId' in value ? value.resultId : undefined;
    if (typeof key === 'number') await db.delete(store, key);
  }
  return { records, droppedCount };
}
