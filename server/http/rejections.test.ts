import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import type { HostAttachReply } from '../../shared/protocol/host-attach.ts';
import { MAX_BODY_BYTES } from '../../shared/protocol/version.ts';
import type { Task } from '../../shared/protocol/work.ts';
import { CAPABILITIES, createApiClient, expectError } from '../testing/api-client.ts';
import { runRealKernel } from '../testing/envelopes.ts';
import { createTestServer, snapshot, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server.ts';

/**
 * Every route refuses bad input with the right status and code, and writes nothing: the whole database is
 * snapshotted before and after each rejected request.
 */
let s: TestServer;
let api: ReturnType<typeof createApiClient>;
let host: HostAttachReply;
let other: HostAttachReply;
let task: Task;
let envelope: ResultEnvelope;

beforeAll(async () => {
  s = await createTestServer();
  api = createApiClient(s.app);
  host = await api.attach();
  other = await api.attach();
  task = (await api.work(host.authenticator)).tasks[0]!;
  envelope = await runRealKernel(task.input);
});
afterAll(async () => {
  await s.close();
});

const UNKNOWN_AUTH = 'f'.repeat(32);

/** Sends a raw request and checks it was refused with `status`/`code` and that no row changed. */
async function expectRefused(
  request: { method?: 'GET' | 'POST'; url: string; payload?: string; auth?: string | null; contentType?: string },
  status: number,
  code: Parameters<typeof expectError>[2],
) {
  const before = await snapshot(s.db);
  const auth = request.auth === undefined ? host.authenticator : request.auth;
  const r = await s.app.inject({
    method: request.method ?? 'POST', url: request.url, ...(request.payload === undefined ? {} : { payload: request.payload }),
    headers: { 'content-type': request.contentType ?? 'application/json', ...(auth === null ? {} : { authorization: `Bearer ${auth}` }) },
  });
  expectError(r, status, code);
  expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await snapshot(s.db)).toBe(before);
}

const attachBody = () => ({ v: 1, capabilities: CAPABILITIES, identity: null });
const workBody = () => ({ v: 1, capabilities: CAPABILITIES, maxTasks: 1, inProgress: [] });
const progressBody = () => ({ v: 1, step: 1, totalSteps: 10, fractionDone: 0.1, backend: 'reference', checkpointStep: null });
const uploadBody = () => api.uploadBody(envelope);

/** Each POST route with a valid body, so the cases below can break one thing at a time. */
const routes = () => [
  { name: 'attach', url: '/api/v1/hosts', body: attachBody(), isAuthed: false },
  { name: 'work', url: '/api/v1/work', body: workBody(), isAuthed: true },
  { name: 'progress', url: `/api/v1/results/${task.resultId}/progress`, body: progressBody(), isAuthed: true },
  { name: 'upload', url: `/api/v1/results/${task.resultId}`, body: uploadBody(), isAuthed: true },
];

describe('every POST route', () => {
  test('rejects malformed JSON, NaN and a wrong content type with 400 bad_request', async () => {
    for (const r of routes()) {
      await expectRefused({ url: r.url, payload: '{"v":1,' }, 400, 'bad_request');
      await expectRefused({ url: r.url, payload: JSON.stringify(r.body).replace(/"v":1/, '"v":1,"x":NaN') }, 400, 'bad_request');
      await expectRefused({ url: r.url, payload: '' }, 400, 'bad_request');
      await expectRefused({ url: r.url, payload: 'v=1', contentType: 'application/x-www-form-urlencoded' }, 400, 'bad_request');
    }
  });

  test('rejects wrong types and null where a number is required with 400 bad_request naming the field', async () => {
    const broken: Record<string, unknown[]> = {
      attach: [{ ...attachBody(), capabilities: { ...CAPABILITIES, cores: '2' } }, { ...attachBody(), capabilities: { ...CAPABILITIES, cores: null } }],
      work: [{ ...workBody(), maxTasks: null }, { ...workBody(), maxTasks: 1.5 }, { ...workBody(), inProgress: ['x'] }],
      progress: [{ ...progressBody(), fractionDone: null }, { ...progressBody(), step: 'ten' }, { ...progressBody(), fractionDone: 2 }],
      upload: [{ ...uploadBody(), computeMs: null }, { ...uploadBody(), output: { ...envelope, seed: null } },
        { ...uploadBody(), output: { ...envelope, canary: { losses: [...envelope.canary.losses.slice(0, 9), null] } } }],
    };
    for (const r of routes()) {
      for (const body of broken[r.name]!) await expectRefused({ url: r.url, payload: JSON.stringify(body) }, 400, 'bad_request');
    }
  });

  test('rejects a body over MAX_BODY_BYTES with 413 payload_too_large', async () => {
    const huge = JSON.stringify({ v: 1, padding: 'x'.repeat(MAX_BODY_BYTES) });
    for (const r of routes()) await expectRefused({ url: r.url, payload: huge }, 413, 'payload_too_large');
  });

  test('rejects another protocol version with 426 upgrade_required', async () => {
    for (const r of routes()) await expectRefused({ url: r.url, payload: JSON.stringify({ ...r.body, v: 2 }) }, 426, 'upgrade_required');
  });

  test('rejects a missing, malformed or unknown authenticator with 401 unauthorized', async () => {
    for (const r of routes().filter((x) => x.isAuthed)) {
      for (const auth of [null, UNKNOWN_AUTH, 'not-hex', `${host.authenticator} extra`]) {
        await expectRefused({ url: r.url, payload: JSON.stringify(r.body), auth }, 401, 'unauthorized');
      }
    }
  });
});

describe('host attach', () => {
  test('rejects a known host id with the wrong authenticator, and an unknown host id', async () => {
    for (const identity of [{ hostId: host.hostId, authenticator: other.authenticator }, { hostId: 99_999, authenticator: host.authenticator }]) {
      await expectRefused({ url: '/api/v1/hosts', payload: JSON.stringify({ ...attachBody(), identity }) }, 401, 'unauthorized');
    }
  });

  test('re-attaches the same host with its identity', async () => {
    const again = await api.post('/api/v1/hosts', { ...attachBody(), identity: { hostId: host.hostId, authenticator: host.authenticator } });
    expect(JSON.parse(again.body)).toEqual({ ...host, isNew: false });
  });
});

describe('results routes', () => {
  test('reject a forged result id with 404, a non-numeric one with 400, and another host\'s result with 409', async () => {
    for (const suffix of ['', '/progress']) {
      const body = JSON.stringify(suffix === '' ? uploadBody() : progressBody());
      await expectRefused({ url: `/api/v1/results/987654${suffix}`, payload: body }, 404, 'not_found');
      await expectRefused({ url: `/api/v1/results/abc${suffix}`, payload: body }, 400, 'bad_request');
      await expectRefused({ url: `/api/v1/results/-1${suffix}`, payload: body }, 400, 'bad_request');
      await expectRefused({ url: `/api/v1/results/${task.resultId}${suffix}`, payload: body, auth: other.authenticator }, 409, 'conflict');
    }
  });

  test('reject an upload whose envelope names another workunit with 422 invalid_result', async () => {
    for (const output of [{ ...envelope, seed: envelope.seed + 1 }, { ...envelope, wu_id: 'other' }, { ...envelope, data_seed: 1 }]) {
      await expectRefused({ url: `/api/v1/results/${task.resultId}`, payload: JSON.stringify({ ...uploadBody(), output }) }, 422, 'invalid_result');
    }
  });
});

describe('credit and admin routes', () => {
  test('credit needs a known host', async () => {
    for (const auth of [null, UNKNOWN_AUTH]) await expectRefused({ method: 'GET', url: '/api/v1/credit', auth }, 401, 'unauthorized');
  });

  test('admin routes need the admin key; a host authenticator is not one', async () => {
    for (const url of ['/api/v1/admin/hosts', `/api/v1/admin/results?workunitId=${task.workunitId}`]) {
      for (const auth of [null, host.authenticator, `${TEST_ADMIN_KEY}x`]) await expectRefused({ method: 'GET', url, auth }, 401, 'unauthorized');
    }
  });

  test('admin results need a numeric workunitId', async () => {
    for (const q of ['', '?workunitId=', '?workunitId=abc', '?workunitId=0']) {
      await expectRefused({ method: 'GET', url: `/api/v1/admin/results${q}`, auth: TEST_ADMIN_KEY }, 400, 'bad_request');
    }
  });

  test('unknown API routes get 404 not_found in the error shape', async () => {
    await expectRefused({ method: 'GET', url: '/api/v1/nothing' }, 404, 'not_found');
    await expectRefused({ method: 'POST', url: '/api/v2/work', payload: '{}' }, 404, 'not_found');
  });
});
