import { afterEach, beforeEach, expect, test } from 'vitest';
import { createApiClient } from '../testing/api-client.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { appendGrants } from './credit-repo.ts';

let s: TestServer;
beforeEach(async () => {
  s = await createTestServer();
});
afterEach(async () => {
  await s.close();
});

test('the ledger holds at most one grant per result: a second grant is skipped, and a raw second insert fails', async () => {
  const api = createApiClient(s.app);
  const host = await api.attach();
  const task = (await api.work(host.authenticator)).tasks[0]!;
  const grant = { resultId: task.resultId, userId: host.userId, hostId: host.hostId, credit: 1.5, grantedAt: 100 };
  await appendGrants(s.db, [grant]);
  await appendGrants(s.db, [{ ...grant, credit: 99, grantedAt: 200 }]);
  expect(await s.db.selectFrom('creditLedger').select(['resultId', 'credit', 'grantedAt']).execute())
    .toEqual([{ resultId: task.resultId, credit: 1.5, grantedAt: 100 }]);
  await expect(s.db.insertInto('creditLedger').values(grant).execute()).rejects.toThrow(/unique/i); // SQLite: "UNIQUE constraint failed"; PostgreSQL: "violates unique constraint"
});
