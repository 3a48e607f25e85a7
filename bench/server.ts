import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { findExperiment } from '../experiments/registry.ts';
import { ValidateState } from '../shared/boinc-states.ts';
import { SPEC_ID, type ResultEnvelope } from '../shared/envelope.ts';
import { systemClock, unixSeconds } from '../server/clock.ts';
import { openDb } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { loadEnv } from '../server/env.ts';
import { DEFAULT_DATA_SEED, deploySweep } from '../server/project/deploy-sweep.ts';
import { startServer } from '../server/start-server.ts';
import { runRealKernel } from '../server/testing/envelopes.ts';
import type { ClientJob, ClientReport, Route } from './server-client.ts';

/** BOINC's published figure: a project server handles about 100 results/s (boinc.md; per server machine). */
const BOINC_RESULTS_PER_S = 100;
/** Project standard: the whole lifecycle sustains this many results/s on 2 cores with SQLite. */
const TARGET_RESULTS_PER_S = 1000;
const EXPERIMENT = 'lazy_vs_feature_learning';
/** Tiny params so the one real kernel run takes a second; the server's work per result does not depend on them much. */
const PARAMS = { widths: [8], epochs: 1 };

interface RunOptions { quorum: number; workunits: number; hosts: number; maxTasks: number; maxMs: number; profile: string | undefined }

interface RunFigures {
  readonly quorum: number;
  readonly workunits: number;
  readonly uploads: number;
  readonly validCredited: number;
  readonly wallMs: number;
  readonly resultsPerS: number;
  /** CPU (user + system) of the server process while the hosts ran, and of the hosts' process, ms. */
  readonly serverCpuMs: number;
  readonly clientCpuMs: number;
  readonly latenciesMs: Record<Route, number[]>;
  readonly verdicts: Record<string, number>;
}

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got ${String(args[i + 1])}`);
  return value;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function runClient(job: ClientJob): Promise<ClientReport> {
  // Explicit execArgv: the client must not inherit --cpu-prof (the profile is the server's) but needs tsx for .ts.
  const child = fork(fileURLToPath(new URL('./server-client.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: ClientReport) => resolve(m));
    child.once('exit', (code) => reject(new Error(`bench client exited with code ${String(code)} before reporting`)));
    child.send(job);
  });
}

/** The server's CPU profile of the measured window only (startup and deployment left out), via the inspector. */
async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** One run: a fresh server on a fresh SQLite file with `workunits` workunits of quorum `quorum`, driven to the end. */
async function runOnce(envelope: ResultEnvelope, o: RunOptions, log: (m: string) => void): Promise<RunFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-bench-server-'));
  try {
    const env = loadEnv({
      DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', WEB_DIST: join(dir, 'no-dist'), ADMIN_KEY: 'bench-admin-key-0123456789',
      DEFAULT_MIN_QUORUM: String(o.quorum), DELAY_BOUND_S: '3600',
    });
    // Deploy the bench sweep first: startServer then sees a sweep and deploys no default project.
    const setup = openDb(env.DATABASE_URL);
    await migrateToLatest(setup);
    const experiment = findExperiment(EXPERIMENT);
    if (experiment === undefined) throw new Error(`${EXPERIMENT} is not in the registry`);
    await deploySweep(setup, {
      name: `bench-q${o.quorum}`, experiment, seeds: o.workunits, paramOverrides: PARAMS, minQuorum: o.quorum, delayBoundS: 3600,
    }, unixSeconds(systemClock));
    await setup.destroy();

    const tStart = performance.now();
    const server = await startServer(env, { clock: systemClock, findExperiment, logLevel: 'warn' });
    log(`quorum ${o.quorum}: server up with ${o.workunits} workunits in ${((performance.now() - tStart) / 1000).toFixed(1)} s at ${server.url}`);
    let report: ClientReport;
    try {
      const profiler = o.profile === undefined ? undefined : await startProfiler();
      const cpu0 = process.cpuUsage();
      report = await runClient({
        type: 'run', url: server.url, hosts: o.hosts, maxTasks: o.maxTasks, maxResults: o.workunits * o.quorum, maxMs: o.maxMs, envelope,
      });
      const cpu = process.cpuUsage(cpu0);
      if (profiler !== undefined && o.profile !== undefined) {
        const file = `${o.profile}-q${o.quorum}.cpuprofile`;
        writeFileSync(file, JSON.stringify(await profiler.stop()));
        log(`server CPU profile of the measured window: ${file}`);
      }
      if (report.errors.length > 0) throw new Error(`bench client errors: ${report.errors.slice(0, 3).join(' | ')}`);
      // Only results that reached VALID and have their ledger row count; the ledger has one row per result at most.
      const counted = await sql<{ n: number; ledger: number; distinct: number }>`
        select (select count(*) from result r join credit_ledger c on c.result_id = r.id where r.validate_state = ${ValidateState.VALID}) as n,
               (select count(*) from credit_ledger) as ledger,
               (select count(distinct result_id) from credit_ledger) as "distinct"`.execute(server.db);
      const row = counted.rows[0];
      if (row === undefined) throw new Error('count query returned no row');
      if (row.ledger !== row.distinct || row.ledger !== row.n) {
        throw new Error(`ledger inconsistent: ${row.ledger} rows, ${row.distinct} results, ${row.n} valid with a row`);
      }
      return {
        quorum: o.quorum, workunits: o.workunits, uploads: report.uploads, validCredited: row.n, wallMs: report.wallMs,
        resultsPerS: row.n / (report.wallMs / 1000), serverCpuMs: (cpu.user + cpu.system) / 1000, clientCpuMs: report.cpuMs, latenciesMs: report.latenciesMs, verdicts: report.verdicts,
      };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatRun(f: RunFigures): string {
  const lat = (['work', 'upload', 'attach'] as const).map((route) => {
    const sorted = [...f.latenciesMs[route]].sort((a, b) => a - b);
    return `| ${route} | ${sorted.length} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} |`;
  });
  const verdict = f.resultsPerS >= TARGET_RESULTS_PER_S ? 'PASS' : 'FAIL';
  const serverCpuMsPerResult = f.serverCpuMs / f.validCredited;
  const perCpuS = 1000 / serverCpuMsPerResult;
  return [
    `quorum ${f.quorum}: ${f.validCredited} results VALID with a ledger row (of ${f.uploads} uploads; verdicts ${JSON.stringify(f.verdicts)})`
      + ` in ${(f.wallMs / 1000).toFixed(2)} s`,
    `  **${f.resultsPerS.toFixed(0)} results/s** = **${(f.resultsPerS / BOINC_RESULTS_PER_S).toFixed(1)} × BOINC's ~${BOINC_RESULTS_PER_S}/s**`
      + ` → ${verdict} against ${TARGET_RESULTS_PER_S}/s`,
    `  server CPU ${serverCpuMsPerResult.toFixed(3)} ms per result (${(f.serverCpuMs / f.wallMs * 100).toFixed(0)} % of a core while measured),`
      + ` hosts' process ${(f.clientCpuMs / f.validCredited).toFixed(3)} ms per result:`
      + ` ${perCpuS.toFixed(0)} results per server CPU-second (the server process's own threads, measured under the machine's load)`,
    '| route | requests | p50 ms | p99 ms |', '|---|---|---|---|', ...lat,
  ].join('\n');
}

/**
 * `npm run bench -- server [--workunits N] [--hosts H] [--seconds S] [--quorum 1|2] [--profile PREFIX]`: the server's whole lifecycle
 * (attach, dispatch, upload, validate, credit) over real HTTP against a real SQLite file, hosts simulated in a
 * forked process. Counts only results that reached VALID with a credit ledger row (queried at the end), and prints
 * results/s, p50/p99 per route, and the ratio against BOINC's ~100 results/s. Runs quorum 1 then quorum 2.
 * `--profile PREFIX` writes the server's CPU profile of each measured window to `PREFIX-q<quorum>.cpuprofile`.
 */
export async function runServerBench(args: readonly string[]): Promise<void> {
  const log = (m: string) => console.error(`[server] ${m}`);
  const workunits = option(args, 'workunits', 10_000);
  const hosts = option(args, 'hosts', 32);
  const maxMs = option(args, 'seconds', 30) * 1000;
  const profileAt = args.indexOf('--profile');
  const profile = profileAt < 0 ? undefined : args[profileAt + 1];
  const quorums = args.includes('--quorum') ? [option(args, 'quorum', 1)] : [1, 2];
  const t = performance.now();
  const envelope = await runRealKernel({
    experiment: EXPERIMENT, spec: SPEC_ID, wu_id: 'bench/lvf-s0', seed: 0, data_seed: DEFAULT_DATA_SEED, params: PARAMS, replica_of: null,
  });
  log(`real envelope (ts-ref, widths [8], 1 epoch): ${JSON.stringify(envelope).length} bytes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // Warm-up (not reported): V8 compiles the hot paths and SQLite's caches fill, as in a server that has been running.
  const warm = await runOnce(envelope, { quorum: 1, workunits: Math.min(2000, workunits), hosts, maxTasks: 4, maxMs, profile: undefined }, log);
  log(`warm-up (quorum 1, not counted): ${warm.resultsPerS.toFixed(0)} results/s`);
  const load = loadavg()[0] ?? 0;
  for (const quorum of quorums) {
    // Quorum 2 has twice the results per workunit: halve the workunits so both runs upload about as many results.
    const figures = await runOnce(envelope, { quorum, workunits: Math.ceil(workunits / quorum), hosts, maxTasks: 4, maxMs, profile }, log);
    const text = formatRun(figures);
    console.log(`${text}\n`);
  }
  console.log(`${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}),`
    + ` load average ${load.toFixed(2)} at start, ${hosts} hosts × up to 4 tasks per request, one process each for server and hosts`);
}
