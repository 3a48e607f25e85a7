import { afterEach, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { openDb, type Db } from './connection.ts';
import { lockWorkunit } from './workunit-lock.ts';

// PostgreSQL only: on SQLite the lock is a no-op (one connection, one transaction at a time).
let database: TestDatabase | undefined;
const handles: Db[] = [];
afterEach(async () => {
  for (const db of handles.splice(0)) await db.destroy();
  await database?.drop();
  database = undefined;
});

test('a workunit lock holds off another instance until the holder commits, for that workunit only', async () => {
  database = await createTestDatabase();
  expect(database.dialect).toBe('postgres');
  const a = openDb(database.url);
  const b = openDb(database.url);
  handles.push(a, b);
  const events: string[] = [];
  let commitA = (): void => undefined;
  const aMayCommit = new Promise<void>((resolve) => { commitA = resolve; });
  let aLocked = (): void => undefined;
  const aHasLock = new Promise<void>((resolve) => { aLocked = resolve; });
  const holder = a.transaction().execute(async (trx) => {
    await lockWorkunit(trx, 7);
    await lockWorkunit(trx, 7); // re-entrant within its own transaction
    aLocked();
    await aMayCommit;
    events.push('a commits');
  });
  await aHasLock;
  await b.transaction().execute((trx) => lockWorkunit(trx, 8)); // another workunit: no wait
  events.push('b locked 8');
  const waiter = b.transaction().execute(async (trx) => {
    await lockWorkunit(trx, 7);
    events.push('b locked 7');
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(events).toEqual(['b locked 8']); // b still waits for 7
  commitA();
  await Promise.all([holder, waiter]);
  expect(events).toEqual(['b locked 8', 'a commits', 'b locked 7']);
});
