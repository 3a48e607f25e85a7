import { afterEach, expect, test } from 'vitest';
import { openDb, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { startDaemonElection, type DaemonElection } from './daemon-election.ts';

let database: TestDatabase | undefined;
const handles: Db[] = [];
const elections: DaemonElection[] = [];
afterEach(async () => {
  for (const e of elections.splice(0)) await e.stop();
  for (const db of handles.splice(0)) await db.destroy();
  await database?.drop();
  database = undefined;
});

/** One "server instance": its own handle (pool or SQLite connection) on the shared database, and an election. */
async function instance(retryMs: number): Promise<{ election: DaemonElection; elected: () => number }> {
  if (database === undefined) throw new Error('no test database');
  const db = openDb(database.url);
  handles.push(db);
  let elected = 0;
  const election = await startDaemonElection({
    db, retryMs, onElected: () => Promise.resolve(void elected++), onError: (error) => { throw error; },
  });
  elections.push(election);
  return { election, elected: () => elected };
}

test('instances sharing a database elect one daemon runner; a standby takes over when the runner stops', async () => {
  database = await createTestDatabase();
  const setup = openDb(database.url);
  await migrateToLatest(setup);
  await setup.destroy();
  const a = await instance(50);
  const b = await instance(50);
  expect(a.election.isRunner()).toBe(true);
  expect(a.elected()).toBe(1);
  if (database.dialect === 'sqlite') {
    // One server owns a SQLite file; a second one on it runs its daemons too, as before (no lock to take).
    expect(b.election.isRunner()).toBe(true);
    return;
  }
  expect(b.election.isRunner()).toBe(false);
  expect(b.elected()).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 200)); // several retries of b: still not elected
  expect(b.election.isRunner()).toBe(false);
  await a.election.stop();
  const deadline = Date.now() + 5000;
  while (!b.election.isRunner() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(b.election.isRunner()).toBe(true);
  expect(b.elected()).toBe(1);
});
