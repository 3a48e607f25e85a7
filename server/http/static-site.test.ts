import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HealthReply } from './health-route.ts';
import { ISOLATION_HEADERS } from './isolation.ts';
import { AdminHostList } from '../../shared/protocol/admin-hosts.ts';
import { AdminResultList } from '../../shared/protocol/admin-results.ts';
import { createApiClient } from '../testing/api-client.ts';
import { createTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server.ts';

const isolation = (headers: Record<string, unknown>) => ({
  coop: headers['cross-origin-opener-policy'], coep: headers['cross-origin-embedder-policy'], corp: headers['cross-origin-resource-policy'],
});
const ISOLATED = {
  coop: ISOLATION_HEADERS['Cross-Origin-Opener-Policy'], coep: ISOLATION_HEADERS['Cross-Origin-Embedder-Policy'],
  corp: ISOLATION_HEADERS['Cross-Origin-Resource-Policy'],
};

const WASM_BYTES = Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]);

describe('with a built PWA', () => {
  let s: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'axiom-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Axiom Web</title>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'ort-wasm-simd-threaded-abc.wasm'), WASM_BYTES);
    writeFileSync(join(dist, 'assets', 'ort-wasm-simd-threaded-abc.wasm.br'), brotliCompressSync(WASM_BYTES));
    writeFileSync(join(dist, 'sw.js'), 'self.x = 1');
    s = await createTestServer({ webDist: dist });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  test('serves index.html at / and, for unknown page paths, as the SPA fallback', async () => {
    for (const url of ['/', '/credit', '/science/lazy']) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toContain('<title>Axiom Web</title>');
      expect(isolation(r.headers)).toEqual(ISOLATED);
    }
  });

  test('serves .wasm as application/wasm; hashed assets are immutable, the rest revalidates', async () => {
    const wasm = await s.app.inject({ method: 'GET', url: '/assets/ort-wasm-simd-threaded-abc.wasm' });
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.headers['cache-control']).toContain('immutable');
    const js = await s.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(isolation(js.headers)).toEqual(ISOLATED);
    const sw = await s.app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(isolation(sw.headers)).toEqual(ISOLATED);
  });

  test('sends the pre-compressed twin of an asset when the browser accepts it, still as application/wasm', async () => {
    const br = await s.app.inject({ method: 'GET', url: '/assets/ort-wasm-simd-threaded-abc.wasm', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/wasm');
    expect(brotliDecompressSync(br.rawPayload).equals(WASM_BYTES)).toBe(true);
    const plain = await s.app.inject({ method: 'GET', url: '/assets/ort-wasm-simd-threaded-abc.wasm', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(WASM_BYTES)).toBe(true);
  });

  test('an unknown API path is a JSON 404, never the SPA page', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/v1/unknown' });
    expect(r.statusCode).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'not_found' } });
    expect(isolation(r.headers)).toEqual(ISOLATED);
  });
});

describe('without a build', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  test('/ says to run the build, and the API still works', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build');
    expect(isolation(page.headers)).toEqual(ISOLATED);
    const health = await s.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(HealthReply.parse(JSON.parse(health.body))).toMatchObject({ status: 'ok' });
    expect(isolation(health.headers)).toEqual(ISOLATED);
  });

  test('admin routes list hosts and a workunit\'s results with the admin key', async () => {
    const api = createApiClient(s.app);
    const host = await api.attach();
    const task = (await api.work(host.authenticator, { maxTasks: 2 })).tasks[0]!;
    const auth = { authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const hosts = AdminHostList.parse(JSON.parse((await s.app.inject({ method: 'GET', url: '/api/v1/admin/hosts', headers: auth })).body));
    expect(hosts.hosts.find((h) => h.hostId === host.hostId)).toMatchObject({
      userId: host.userId, cores: 2, backend: 'ort-wasm', tasksInProgress: 2, resultsValid: 0, totalCredit: 0,
    });
    const url = `/api/v1/admin/results?workunitId=${task.workunitId}`;
    const results = AdminResultList.parse(JSON.parse((await s.app.inject({ method: 'GET', url, headers: auth })).body));
    expect(results.results).toEqual([{
      resultId: task.resultId, workunitId: task.workunitId, name: task.name, hostId: host.hostId, serverState: 4, outcome: 0,
      validateState: 0, outputDigest: null, backend: null, credit: 0,
    }]);
  });
});
