import { afterEach, expect, test } from 'vitest';
import { ServerState, ValidateState } from '../../shared/boinc-states.ts';
import { findHostByAuthenticator } from '../db/hosts-repo.ts';
import { createApiClient } from '../testing/api-client.ts';
import { runRealKernel } from '../testing/envelopes.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { acceptUpload } from './accept-upload.ts';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

test('a validator failure after the upload rolls back the validation only: the upload commits, is pending, and the daemon validates it later', async () => {
  s = await createTestServer({ minQuorum: 1 });
  const server = s;
  const api = createApiClient(server.app);
  const attached = await api.attach();
  const task = (await api.work(attached.authenticator)).tasks[0]!;
  const envelope = await runRealKernel(task.input);
  const host = (await findHostByAuthenticator(server.db, attached.authenticator))!;
  const errors: unknown[] = [];
  const nowS = Math.floor(server.clock.now() / 1000);
  // The real transition runs (marks the result VALID, writes a ledger row), then the validator "crashes".
  const failing = async (trx: typeof server.db, workunitId: number) => {
    await server.transitioner.transitionIn(trx, workunitId);
    throw new Error('validator crashed after writing');
  };
  const ack = await acceptUpload({ db: server.db, transition: failing, onError: (e) => errors.push(e) }, host, task.resultId,
    api.uploadBody(envelope), nowS);

  expect(ack).toMatchObject({ receipt: 'accepted', verdict: 'pending', grantedCredit: 0 });
  expect(errors).toHaveLength(1);
  const stored = await server.db.selectFrom('result').selectAll().where('id', '=', task.resultId).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ serverState: ServerState.OVER, validateState: ValidateState.INIT });
  expect(stored.outputDigest).toMatch(/^[0-9a-f]{64}$/);
  expect(await server.db.selectFrom('creditLedger').selectAll().execute()).toEqual([]);
  const wu = await server.db.selectFrom('workunit').selectAll().where('id', '=', task.workunitId).executeTakeFirstOrThrow();
  expect(wu.canonicalResultid).toBeNull();
  expect(wu.transitionTime).toBe(nowS); // still due

  expect(await server.transitioner.runOnce()).toBe(1);
  const later = await api.upload(attached.authenticator, task.resultId, envelope);
  expect(later).toMatchObject({ receipt: 'duplicate', verdict: 'valid' });
  expect(later.grantedCredit).toBeGreaterThan(0);
  expect(await server.db.selectFrom('creditLedger').selectAll().execute()).toHaveLength(1);
});
