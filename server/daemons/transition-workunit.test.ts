import { afterEach, describe, expect, test } from 'vitest';
import { AssimilateState, Outcome, ServerState, WuErrorMask } from '../../shared/boinc-states.ts';
import { createApiClient } from '../testing/api-client.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const resultsOf = (t: TestServer, workunitId: number) =>
  t.db.selectFrom('result').selectAll().where('workunitId', '=', workunitId).orderBy('id').execute();
const workunit = (t: TestServer, id: number) => t.db.selectFrom('workunit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('transitioner on a real database', () => {
  test('first start creates target_nresults UNSENT results named <wu>_0.. per workunit, and a second run changes nothing', async () => {
    s = await createTestServer({ minQuorum: 2 });
    const wus = await s.db.selectFrom('workunit').selectAll().orderBy('id').execute();
    expect(wus).toHaveLength(8);
    const results = await s.db.selectFrom('result').selectAll().orderBy('id').execute();
    expect(results).toHaveLength(16);
    expect(results.filter((r) => r.workunitId === wus[0]!.id).map((r) => [r.name, r.serverState]))
      .toEqual([[`${wus[0]!.name}_0`, ServerState.UNSENT], [`${wus[0]!.name}_1`, ServerState.UNSENT]]);
    expect(wus.every((w) => w.transitionTime === null && w.minQuorum === 2 && w.targetNresults === 2)).toBe(true);
    expect(await s.transitioner.runOnce()).toBe(0);
    expect(await s.db.selectFrom('result').select('id').execute()).toHaveLength(16);
  });

  test('a lease schedules the workunit for its deadline; nothing is due before it', async () => {
    s = await createTestServer({ delayBoundS: 100 });
    const api = createApiClient(s.app);
    const host = await api.attach();
    const task = (await api.work(host.authenticator)).tasks[0]!;
    expect((await workunit(s, task.workunitId)).transitionTime).toBe(task.reportDeadlineUnixS + 1);
    s.clock.advanceSeconds(100);
    expect(await s.transitioner.runOnce()).toBe(0);
    s.clock.advanceSeconds(1);
    expect(await s.transitioner.runOnce()).toBe(1);
  });

  test('reissues after each timeout until max_total_results, then errors the workunit (TOO_MANY_TOTAL_RESULTS)', async () => {
    s = await createTestServer({ delayBoundS: 10 });
    const api = createApiClient(s.app);
    const first = (await workunit(s, 1));
    expect(first.maxTotalResults).toBe(5);
    for (let i = 0; i < first.maxTotalResults; i++) {
      const host = await api.attach();
      const task = (await api.work(host.authenticator)).tasks[0]!;
      expect(task.workunitId).toBe(first.id);
      s.clock.advanceSeconds(11);
      await s.transitioner.runOnce();
    }
    const results = await resultsOf(s, first.id);
    expect(results).toHaveLength(5);
    expect(results.every((r) => r.serverState === ServerState.OVER && r.outcome === Outcome.NO_REPLY)).toBe(true);
    const wu = await workunit(s, first.id);
    expect(wu.errorMask & WuErrorMask.TOO_MANY_TOTAL_RESULTS).toBeTruthy();
    expect(wu.assimilateState).toBe(AssimilateState.READY);
    expect(wu.transitionTime).toBeNull();
    const host = await api.attach();
    expect((await api.work(host.authenticator)).tasks[0]!.workunitId).not.toBe(first.id);
  });
});
