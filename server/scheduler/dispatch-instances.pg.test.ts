import { afterEach, expect, test } from 'vitest';
import { ServerState } from '../../shared/boinc-states.ts';
import { createApiClient } from '../testing/api-client.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

// PostgreSQL only (vitest project `server-postgres`): several server instances on one database is what PostgreSQL is
// for; two processes writing one SQLite file is not a supported setup.

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0).reverse()) await s.close(); // the first owns the database: closed last
});

test('two server instances on one PostgreSQL database, dispatching concurrently, never lease one result twice', async () => {
  const first = await createTestServer({ minQuorum: 3 });
  servers.push(first);
  expect(first.database.dialect).toBe('postgres');
  const second = await createTestServer({ minQuorum: 3, database: first.database });
  servers.push(second);
  const apis = [createApiClient(first.app), createApiClient(second.app)];
  // Hosts attach through either instance; each then asks the other one for work, all at once.
  const hosts = await Promise.all(Array.from({ length: 16 }, (_, i) => apis[i % 2]!.attach()));
  const replies = await Promise.all(hosts.map((h, i) => apis[(i + 1) % 2]!.work(h.authenticator, { maxTasks: 3 })));

  const given = replies.flatMap((r, i) => r.tasks.map((t) => ({ resultId: t.resultId, hostId: hosts[i]!.hostId })));
  expect(new Set(given.map((g) => g.resultId)).size).toBe(given.length);
  const leased = await first.db.selectFrom('result').select(['id', 'hostId', 'workunitId'])
    .where('serverState', '=', ServerState.IN_PROGRESS).orderBy('id').execute();
  // Every task handed out is exactly one lease in the database, held by the host it was given to.
  expect(given.map((g) => ({ id: g.resultId, hostId: g.hostId })).sort((x, y) => x.id - y.id))
    .toEqual(leased.map((l) => ({ id: l.id, hostId: l.hostId })));
  expect(given).toHaveLength(24); // 8 workunits × quorum 3: 48 asked for, every replica went out
  expect(new Set(leased.map((l) => `${l.hostId}/${l.workunitId}`)).size).toBe(leased.length); // never 2 replicas per host
});
