import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredCheckpoint, StoredEvent, StoredIdentity, StoredOutboxEntry, StoredSettings, StoredTask } from './records.ts';

/** Bump on every schema change and add a `case` to `upgrade` (versions fall through, oldest first). */
export const DB_VERSION = 1;
export const DB_NAME = 'axiom-web';

/**
 * The browser profile's store. Values are typed as written by this build; reads still go through the zod schemas
 * of `records.ts`, because a profile may hold records of an older build.
 */
export interface AxiomDb extends DBSchema {
  identity: { key: 'self'; value: StoredIdentity };
  settings: { key: 'self'; value: StoredSettings };
  tasks: { key: number; value: StoredTask };
  checkpoints: { key: number; value: StoredCheckpoint };
  outbox: { key: number; value: StoredOutboxEntry };
  events: { key: number; value: StoredEvent };
}

export type AxiomDatabase = IDBPDatabase<AxiomDb>;

/** Opens (and creates or upgrades) the profile's database. Every agent and compute Worker opens its own connection. */
export function openAxiomDb(): Promise<AxiomDatabase> {
  return openDB<AxiomDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      switch (oldVersion) {
        case 0:
          db.createObjectStore('identity');
          db.createObjectStore('settings');
          db.createObjectStore('tasks', { keyPath: 'resultId' });
          db.createObjectStore('checkpoints', { keyPath: 'resultId' });
          db.createObjectStore('outbox', { keyPath: 'resultId' });
          db.createObjectStore('events', { autoIncrement: true });
        // falls through: the next version's case goes here
      }
    },
  });
}
