import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findExperiment } from '../../experiments/registry.ts';
import { FLOPS_PER_CREDIT, Outcome, ServerState, ValidateState, AssimilateState } from '../../shared/boinc-states.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import type { Task } from '../../shared/protocol/work.ts';
import { createApiClient, expectError } from '../testing/api-client.ts';
import { offTolerance, runRealKernel } from '../testing/envelopes.ts';
import { createTestServer, snapshot, type TestServer } from '../testing/test-server.ts';

// Real envelopes from the real E1 kernel on the reference engine, one per workunit input, cached for this file.
const cache = new Map<string, Promise<ResultEnvelope>>();
const envelopeFor = (input: WorkunitInput) => {
  const key = JSON.stringify(input);
  if (!cache.has(key)) cache.set(key, runRealKernel(input));
  return cache.get(key)!;
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const resultRow = (s: TestServer, id: number) => s.db.selectFrom('result').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const ledger = (s: TestServer) => s.db.selectFrom('creditLedger').selectAll().orderBy('resultId').execute();
const creditOf = (task: Task) => task.rscFpopsEst / FLOPS_PER_CREDIT;

describe('work lifecycle over HTTP on a real SQLite file', () => {
  beforeAll(async () => {
    // Warm the cache for the first workunit (seed 0) so each test's clock-sensitive part runs quickly.
    const s = await createTestServer();
    const api = createApiClient(s.app);
    const host = await api.attach();
    const [task] = (await api.work(host.authenticator)).tasks;
    await envelopeFor(task!.input);
    await s.close();
  });

  test('lease → upload → validate → credit, granted once; a duplicate upload gets the same answer and no more credit', async () => {
    server = await createTestServer();
    const s = server;
    const api = createApiClient(s.app);
    const host = await api.attach();
    expect(host.isNew).toBe(true);

    const reply = await api.work(host.authenticator, { maxTasks: 1 });
    expect(reply.tasks).toHaveLength(1);
    const task = reply.tasks[0]!;
    expect(task.input).toMatchObject({ experiment: 'lazy_vs_feature_learning', params: { widths: [8, 16], epochs: 3 } });
    expect(task.rscFpopsEst).toBe(findExperiment('lazy_vs_feature_learning')!.estimateFlops(task.input.params));
    const nowS = Math.floor(s.clock.now() / 1000);
    expect(task.reportDeadlineUnixS).toBe(nowS + 3600);
    const leased = await resultRow(s, task.resultId);
    expect(leased).toMatchObject({ serverState: ServerState.IN_PROGRESS, hostId: host.hostId, sentTime: nowS, reportDeadline: nowS + 3600 });
    expect(leased.name).toMatch(/_0$/);

    const envelope = await envelopeFor(task.input);
    const ack = await api.upload(host.authenticator, task.resultId, envelope);
    expect(ack).toEqual({ v: 1, resultId: task.resultId, receipt: 'accepted', verdict: 'valid', grantedCredit: creditOf(task) });

    const stored = await resultRow(s, task.resultId);
    expect(stored).toMatchObject({ serverState: ServerState.OVER, outcome: Outcome.SUCCESS, validateState: ValidateState.VALID, computeMs: 1234 });
    expect(stored.outputDigest).toMatch(/^[0-9a-f]{64}$/);
    const wu = await s.db.selectFrom('workunit').selectAll().where('id', '=', task.workunitId).executeTakeFirstOrThrow();
    expect(wu.canonicalResultid).toBe(task.resultId);
    expect(wu.assimilateState).toBe(AssimilateState.READY);
    expect(await ledger(s)).toHaveLength(1);

    const before = await snapshot(s.db);
    const again = await api.upload(host.authenticator, task.resultId, envelope);
    expect(again).toEqual({ ...ack, receipt: 'duplicate' });
    expect(await snapshot(s.db)).toBe(before);

    const tampered = offTolerance(envelope);
    expectError(await api.post(`/api/v1/results/${task.resultId}`, api.uploadBody(tampered), host.authenticator), 409, 'conflict');
    expect(await snapshot(s.db)).toBe(before);

    const credit = await api.credit(host.authenticator);
    expect(credit.totalCredit).toBe(creditOf(task));
    expect(credit.pendingCredit).toBe(0);
    expect(credit.rac).toBeGreaterThan(0);
    expect(credit.results).toEqual([{
      resultId: task.resultId, name: stored.name, experiment: 'lazy_vs_feature_learning', verdict: 'valid',
      credit: creditOf(task), claimedCredit: creditOf(task), reportedUnixS: nowS,
    }]);
  });

  test('quorum 2: an off-tolerance replica makes the set inconclusive, a third host breaks the tie, the bad one earns nothing', async () => {
    server = await createTestServer({ minQuorum: 2 });
    const s = server;
    const api = createApiClient(s.app);
    const [a, b, c] = [await api.attach(), await api.attach(), await api.attach()];
    expect(new Set([a.userId, b.userId, c.userId]).size).toBe(3);

    const taskA = (await api.work(a.authenticator)).tasks[0]!;
    const taskB = (await api.work(b.authenticator)).tasks[0]!;
    expect(taskB.workunitId).toBe(taskA.workunitId);
    expect(taskB.resultId).not.toBe(taskA.resultId);

    const honest = await envelopeFor(taskA.input);
    const bad = offTolerance(honest);
    expect(findExperiment('lazy_vs_feature_learning')!.compare(honest, bad).type).toBe('different');

    expect(await api.upload(a.authenticator, taskA.resultId, honest)).toMatchObject({ verdict: 'pending', grantedCredit: 0 });
    expect((await api.credit(a.authenticator)).pendingCredit).toBe(creditOf(taskA));
    expect(await api.upload(b.authenticator, taskB.resultId, bad)).toMatchObject({ verdict: 'inconclusive', grantedCredit: 0 });
    const wu = await s.db.selectFrom('workunit').selectAll().where('id', '=', taskA.workunitId).executeTakeFirstOrThrow();
    expect(wu.targetNresults).toBe(3);
    expect(wu.canonicalResultid).toBeNull();

    const taskC = (await api.work(c.authenticator)).tasks[0]!;
    expect(taskC.workunitId).toBe(taskA.workunitId);
    const ackC = await api.upload(c.authenticator, taskC.resultId, honest);
    expect(ackC).toMatchObject({ verdict: 'valid', grantedCredit: creditOf(taskC) });

    expect((await resultRow(s, taskA.resultId)).validateState).toBe(ValidateState.VALID);
    expect((await resultRow(s, taskB.resultId)).validateState).toBe(ValidateState.INVALID);
    const rows = await ledger(s);
    expect(rows.map((r) => r.resultId).sort()).toEqual([taskA.resultId, taskC.resultId].sort());
    expect(new Set(rows.map((r) => r.credit)).size).toBe(1);
    expect((await api.credit(b.authenticator))).toMatchObject({ totalCredit: 0, pendingCredit: 0 });
    expect((await api.credit(b.authenticator)).results[0]).toMatchObject({ verdict: 'invalid', credit: 0 });
    expect((await api.credit(a.authenticator))).toMatchObject({ totalCredit: creditOf(taskA), pendingCredit: 0 });
  });

  test('a passed deadline makes the result NO_REPLY and reissues it to another host; the late report still validates', async () => {
    server = await createTestServer({ delayBoundS: 3600 });
    const s = server;
    const api = createApiClient(s.app);
    const [a, b] = [await api.attach(), await api.attach()];
    const taskA = (await api.work(a.authenticator)).tasks[0]!;
    expect((await api.progress(a.authenticator, taskA.resultId)).abort).toBe(false);

    s.clock.advanceSeconds(3600);
    await s.transitioner.runOnce();
    expect((await resultRow(s, taskA.resultId)).serverState).toBe(ServerState.IN_PROGRESS); // deadline not passed yet
    s.clock.advanceSeconds(1);
    await s.transitioner.runOnce();
    expect(await resultRow(s, taskA.resultId)).toMatchObject({ serverState: ServerState.OVER, outcome: Outcome.NO_REPLY });

    const taskB = (await api.work(b.authenticator)).tasks[0]!;
    expect(taskB.workunitId).toBe(taskA.workunitId);
    expect(taskB.name).toMatch(/_1$/);
    s.clock.advanceSeconds(5);
    expect((await api.progress(a.authenticator, taskA.resultId)).abort).toBe(true);
    const hostA = await s.db.selectFrom('host').select('lastContact').where('id', '=', a.hostId).executeTakeFirstOrThrow();
    expect(hostA.lastContact).toBe(Math.floor(s.clock.now() / 1000)); // a heartbeat counts as contact
    const again = await api.work(a.authenticator, { inProgress: [taskA.resultId] });
    expect(again.abort).toEqual([taskA.resultId]);
    expect(again.tasks.every((t) => t.workunitId !== taskA.workunitId)).toBe(true);

    const envelope = await envelopeFor(taskA.input);
    expect(await api.upload(a.authenticator, taskA.resultId, envelope)).toMatchObject({ receipt: 'accepted', verdict: 'valid' });
    expect(await api.upload(b.authenticator, taskB.resultId, envelope)).toMatchObject({ receipt: 'accepted', verdict: 'valid' });
    expect(await ledger(s)).toHaveLength(2);
  });

  test('once a workunit is done, its unsent replica is DIDNT_NEED and never sent', async () => {
    server = await createTestServer({ delayBoundS: 60 });
    const s = server;
    const api = createApiClient(s.app);
    const [a, b] = [await api.attach(), await api.attach()];
    const taskA = (await api.work(a.authenticator)).tasks[0]!;
    s.clock.advanceSeconds(61);
    await s.transitioner.runOnce();
    const replicas = await s.db.selectFrom('result').selectAll().where('workunitId', '=', taskA.workunitId).orderBy('id').execute();
    expect(replicas.map((r) => r.serverState)).toEqual([ServerState.OVER, ServerState.UNSENT]);

    expect(await api.upload(a.authenticator, taskA.resultId, await envelopeFor(taskA.input))).toMatchObject({ verdict: 'valid' });
    expect(await resultRow(s, replicas[1]!.id)).toMatchObject({ serverState: ServerState.OVER, outcome: Outcome.DIDNT_NEED });
    const taskB = (await api.work(b.authenticator)).tasks[0]!;
    expect(taskB.workunitId).not.toBe(taskA.workunitId);
  });
});
