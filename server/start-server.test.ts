import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findExperiment } from '../experiments/registry.ts';
import { AdminHostList } from '../shared/protocol/admin-hosts.ts';
import { HostAttachReply } from '../shared/protocol/host-attach.ts';
import { WorkReply } from '../shared/protocol/work.ts';
import { systemClock } from './clock.ts';
import { loadEnv } from './env.ts';
import { startServer, type RunningServer } from './start-server.ts';
import { CAPABILITIES } from './testing/api-client.ts';

let dir: string | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

describe('startServer', () => {
  test('listens on loopback, generates and keeps the admin key, deploys once, and serves the API over real HTTP', async () => {
    dir = mkdtempSync(join(tmpdir(), 'axiom-start-'));
    const env = loadEnv({ PORT: '0', DATA_DIR: dir, DEFAULT_SWEEP: 'small', WEB_DIST: join(dir, 'dist') });
    server = await startServer(env, { clock: systemClock, findExperiment, logLevel: 'silent' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.adminKey.isGenerated).toBe(true);
    expect(readFileSync(join(dir, 'admin-key'), 'utf8').trim()).toBe(server.adminKey.key);
    expect(server.deployed).toEqual({ name: 'default-lazy_vs_feature_learning-v1-small', workunits: 8 });

    const post = (path: string, body: unknown, auth?: string) => fetch(new URL(path, server!.url), {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(auth === undefined ? {} : { authorization: `Bearer ${auth}` }) },
    });
    const attach = await post('api/v1/hosts', { v: 1, capabilities: CAPABILITIES, identity: null });
    expect(attach.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const host = HostAttachReply.parse(await attach.json());
    const work = WorkReply.parse(await (await post('api/v1/work', { v: 1, capabilities: CAPABILITIES, maxTasks: 2, inProgress: [] }, host.authenticator)).json());
    expect(work.tasks).toHaveLength(2);
    const admin = await fetch(new URL('api/v1/admin/hosts', server.url), { headers: { authorization: `Bearer ${server.adminKey.key}` } });
    expect(AdminHostList.parse(await admin.json()).hosts).toHaveLength(1);
    const page = await fetch(server.url);
    expect(await page.text()).toContain('npm run build');

    const key = server.adminKey.key;
    await server.close();
    server = await startServer(env, { clock: systemClock, findExperiment, logLevel: 'silent' });
    expect(server.adminKey).toEqual({ key, isGenerated: false });
    expect(server.deployed).toBeNull();
  });
});
