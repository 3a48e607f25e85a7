import { afterEach, expect, test } from 'vitest';
import { ServerState, ValidateState } from '../../shared/boinc-states.ts';
import { createApiClient } from '../testing/api-client.ts';
import { runRealKernel } from '../testing/envelopes.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

// PostgreSQL only: two server instances on one database (see dispatch-instances.pg.test.ts).

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0).reverse()) await s.close();
});

test('quorums completed by uploads to two instances at once validate once each, and stay so when both transitioners look again', async () => {
  const first = await createTestServer({ minQuorum: 2 });
  servers.push(first);
  const second = await createTestServer({ minQuorum: 2, database: first.database });
  servers.push(second);
  const [apiA, apiB] = [createApiClient(first.app), createApiClient(second.app)];
  const a = await apiA.attach();
  const b = await apiB.attach();
  const tasksA = (await apiA.work(a.authenticator, { maxTasks: 3 })).tasks;
  const tasksB = (await apiB.work(b.authenticator, { maxTasks: 3 })).tasks;
  // Oldest workunit first: both hosts hold one replica of each of the same three workunits.
  expect(tasksB.map((t) => t.workunitId)).toEqual(tasksA.map((t) => t.workunitId));
  const envelopes = await Promise.all(tasksA.map((t) => runRealKernel(t.input)));

  const acks = await Promise.all(tasksA.flatMap((taskA, k) => [
    apiA.upload(a.authenticator, taskA.resultId, envelopes[k]!),
    apiB.upload(b.authenticator, tasksB[k]!.resultId, envelopes[k]!),
  ]));
  await Promise.all(tasksA.flatMap((t) => [first.transitioner.transition(t.workunitId), second.transitioner.transition(t.workunitId)]));

  for (const [k, taskA] of tasksA.entries()) {
    const taskB = tasksB[k]!;
    const pair = [taskA.resultId, taskB.resultId].sort((x, y) => x - y);
    // Whichever upload commits second sees the first (the workunit lock orders them) and completes the quorum at
    // once; without that order both could validate alone, see one success each and answer `pending`.
    expect([acks[2 * k]!.verdict, acks[2 * k + 1]!.verdict].sort()).toEqual(['pending', 'valid']);
    const wu = await first.db.selectFrom('workunit').select(['canonicalResultid']).where('id', '=', taskA.workunitId)
      .executeTakeFirstOrThrow();
    expect(pair).toContain(wu.canonicalResultid);
    const results = await first.db.selectFrom('result').select(['id', 'serverState', 'validateState'])
      .where('workunitId', '=', taskA.workunitId).orderBy('id').execute();
    expect(results).toEqual(pair.map((id) => ({ id, serverState: ServerState.OVER, validateState: ValidateState.VALID }))); // no extra replica
  }
  const grants = await first.db.selectFrom('creditLedger').select('resultId').orderBy('resultId').execute();
  expect(grants.map((g) => g.resultId)).toEqual([...tasksA, ...tasksB].map((t) => t.resultId).sort((x, y) => x - y));
});
