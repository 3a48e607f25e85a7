import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, test as plainTest } from 'vitest';
import { ServerState } from '../../shared/boinc-states.ts';
import { Authenticator } from '../../shared/ids.ts';
import { CAPABILITIES, createApiClient } from '../testing/api-client.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

describe('dispatch', () => {
  test.prop([
    fc.integer({ min: 2, max: 3 }),
    fc.array(fc.record({ host: fc.integer({ min: 0, max: 3 }), maxTasks: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 12 }),
  ], { numRuns: 12 })(
    'never gives two replicas of one workunit to the same host or to two hosts of the same user',
    async (quorum, requests) => {
      const s = await createTestServer({ minQuorum: quorum });
      try {
        const api = createApiClient(s.app);
        const a = await api.attach();
        const b = await api.attach();
        const c = await api.attach();
        // A second host of user A (no route creates one yet, so insert it): the user rule must hold across hosts.
        const sameUser = Authenticator.parse('a'.repeat(32));
        await s.db.insertInto('host').values({
          userId: a.userId, authenticator: sameUser, platform: 'vitest', cores: 4, memoryMb: null, backendsJson: '["reference"]',
          adapter: 'none', flopsPerSecond: null, createdAt: 0, lastContact: 0,
        }).execute();
        const auths = [a.authenticator, b.authenticator, c.authenticator, sameUser];
        for (const r of requests) {
          const reply = await api.work(auths[r.host]!, { maxTasks: r.maxTasks, capabilities: { ...CAPABILITIES, cores: 4 } });
          expect(reply.tasks.length).toBeLessThanOrEqual(r.maxTasks);
          expect(new Set(reply.tasks.map((t) => t.workunitId)).size).toBe(reply.tasks.length);
        }
        const leased = await s.db.selectFrom('result').select(['workunitId', 'hostId', 'userId'])
          .where('serverState', '=', ServerState.IN_PROGRESS).execute();
        const seen = new Set<string>();
        for (const l of leased) {
          for (const key of [`h${l.hostId}/${l.workunitId}`, `u${l.userId}/${l.workunitId}`]) {
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
        }
      } finally {
        await s.close();
      }
    },
  );
});

describe('dispatch, by example', () => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  plainTest('resends a lease the host no longer lists (lost work) with its deadline unchanged, before fresh work', async () => {
    s = await createTestServer({ delayBoundS: 100 });
    const api = createApiClient(s.app);
    const host = await api.attach();
    const [t1, t2] = (await api.work(host.authenticator, { maxTasks: 2 })).tasks;
    s.clock.advanceSeconds(10);
    const again = await api.work(host.authenticator, { maxTasks: 1, inProgress: [t1!.resultId] });
    expect(again.tasks).toEqual([t2]);
    const fresh = await api.work(host.authenticator, { maxTasks: 1, inProgress: [t1!.resultId, t2!.resultId] });
    expect(fresh.tasks).toHaveLength(1);
    expect(fresh.tasks[0]!.reportDeadlineUnixS).toBe(t2!.reportDeadlineUnixS + 10);
  });

  plainTest('caps leases per core, says why no task was given, and sends nothing a slow host cannot finish in time', async () => {
    s = await createTestServer({ delayBoundS: 100 });
    const api = createApiClient(s.app);
    const host = await api.attach();
    const oneCore = { ...CAPABILITIES, cores: 1 };
    expect(await api.work(host.authenticator, { maxTasks: 0, capabilities: oneCore })).toMatchObject({ tasks: [], noWorkReason: 'none' });
    const leased = (await api.work(host.authenticator, { maxTasks: 5, capabilities: oneCore })).tasks;
    expect(leased).toHaveLength(2);
    const full = await api.work(host.authenticator, { maxTasks: 1, capabilities: oneCore, inProgress: leased.map((t) => t.resultId) });
    expect(full).toMatchObject({ tasks: [], abort: [], noWorkReason: 'enough_in_progress' });
    expect(full.requestDelayS).toBeGreaterThan(0);

    const slow = await api.attach();
    const tooSlow = { ...CAPABILITIES, flopsPerSecond: 1 }; // 1 FLOP/s: no workunit fits in 100 s
    expect(await api.work(slow.authenticator, { maxTasks: 1, capabilities: tooSlow })).toMatchObject({ tasks: [], noWorkReason: 'no_work' });
  });

  plainTest('concurrent requests of many hosts never lease one result twice', async () => {
    s = await createTestServer({ minQuorum: 3 });
    const api = createApiClient(s.app);
    const hosts = await Promise.all(Array.from({ length: 8 }, () => api.attach()));
    const replies = await Promise.all(hosts.map((h) => api.work(h.authenticator, { maxTasks: 4 })));
    const ids = replies.flatMap((r) => r.tasks.map((t) => t.resultId));
    expect(ids.length).toBe(24); // 8 workunits × quorum 3, every replica to a different host
    expect(new Set(ids).size).toBe(ids.length);
  });
});
