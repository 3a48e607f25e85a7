import type { ResultId } from '../../shared/ids.ts';
import type { AxiomDatabase } from './db.ts';
import { writeOrQuota } from './quota.ts';
import { StoredCheckpoint } from './records.ts';

/**
 * Checkpoints of running tasks, read and written by the compute Worker that runs the task. Takes the database as a
 * promise so the Worker can expose its API synchronously (a message sent before `expose` would be lost).
 */
export function createCheckpointStore(database: Promise<AxiomDatabase>) {
  return {
    async get(resultId: ResultId): Promise<StoredCheckpoint | null> {
      const value: unknown = await (await database).get('checkpoints', resultId);
      if (value === undefined) return null;
      const parsed = StoredCheckpoint.safeParse(value);
      // An unreadable checkpoint means a fresh start, which is always correct (only slower).
      return parsed.success ? parsed.data : null;
    },
    /**
     * Stores one checkpoint. The caller passes a structured-cloneable state that is already complete (idb's trap:
     * a transaction commits once microtasks drain, so nothing may be awaited between opening it and the put).
     */
    async put(checkpoint: StoredCheckpoint): Promise<void> {
      const db = await database;
      return writeOrQuota(`the checkpoint at step ${checkpoint.step}`, async () => { await db.put('checkpoints', checkpoint); });
    },
  };
}

export type CheckpointStore = ReturnType<typeof createCheckpointStore>;
