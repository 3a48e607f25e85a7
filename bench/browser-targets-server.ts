/**
 * The real app for `npm run bench -- browser`: the built PWA (rebuilt with `vite build` when dist/ is missing or older
 * than the sources) served with the API by `server/main.ts`, in its own process, on 127.0.0.1, with a fresh DATA_DIR.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The folders whose files end up in dist/ (the page, its Workers and everything they import). */
const SOURCE_DIRS = ['web', 'worker', 'shared', 'experiments'];

async function newestMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` unless dist/ is newer than every source file; returns what it did, for the report. */
export async function ensurePwaBuilt(log: (m: string) => void): Promise<string> {
  const builtMs = await stat(join(ROOT, 'dist', 'index.html')).then((s) => s.mtimeMs, () => 0);
  const sourcesMs = Math.max(...await Promise.all(SOURCE_DIRS.map((d) => newestMtimeMs(join(ROOT, d)))), await stat(join(ROOT, 'vite.config.ts')).then((s) => s.mtimeMs));
  if (builtMs > sourcesMs) return 'dist/ was up to date';
  log(builtMs === 0 ? 'dist/ is missing: running vite build' : 'dist/ is older than the sources: running vite build');
  const t0 = performance.now();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return `rebuilt dist/ with vite build (${((performance.now() - t0) / 1000).toFixed(0)} s) because it was ${builtMs === 0 ? 'missing' : 'older than the sources'}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      probe.close(() => (port === 0 ? reject(new Error('no free port')) : resolve(port)));
    });
  });
}

export interface AppServer {
  readonly origin: string;
  readonly adminKey: string;
  close(): Promise<void>;
}

/** Starts `server/main.ts` (DEFAULT_SWEEP=small) and waits until it answers `/api/v1/health`. */
export async function startAppServer(options: { minQuorum: number }): Promise<AppServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'axiom-browser-bench-'));
  const port = await freePort();
  const adminKey = 'browser-bench-admin-key-0123456789';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEFAULT_SWEEP: 'small',
      DEFAULT_MIN_QUORUM: String(options.minQuorum), WEB_DIST: 'dist', ADMIN_KEY: adminKey, TRANSITIONER_INTERVAL_MS: '500',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) { await close(); throw new Error(`server/main.ts exited with ${child.exitCode}`); }
    const isUp = await fetch(`${origin}/api/v1/health`).then((r) => r.ok, () => false);
    if (isUp) return { origin, adminKey, close };
    if (performance.now() > deadline) { await close(); throw new Error('server/main.ts did not answer within 60 s'); }
    await new Promise((r) => setTimeout(r, 200));
  }
}
