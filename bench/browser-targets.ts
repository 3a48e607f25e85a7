/**
 * `npm run bench -- browser [--quick] [--no-write]`: the project's browser targets in real headless Chromium against
 * the real server on 127.0.0.1 — (1) first task step ≤ 3 s after a cold page load, (2) checkpointing ≤ 2 % of
 * compute, (3) no main-thread task > 50 ms while computing. Prints each figure with PASS/FAIL and writes them into
 * bench/RESULTS.md (browser section). `--quick`: 2 cold runs and a 10 s long-task window instead of 5 and 20 s.
 */
import { cpus, loadavg } from 'node:os';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumFlags } from '../test/support/chromium-flags.ts';
import { runCheckpointBench } from './browser-targets-checkpoint.ts';
import { measureColdStart, measureLongTasks, type ColdStart } from './browser-targets-pwa.ts';
import { formatBrowserTargets, writeResults } from './browser-targets-report.ts';
import { ensurePwaBuilt, startAppServer } from './browser-targets-server.ts';

/** The proxy port Chromium is pointed at: nothing listens there, so any proxied (non-loopback) request just fails. */
const DEAD_PROXY_PORT = 9;

export async function runBrowserTargetsBench(args: readonly string[]): Promise<void> {
  const isQuick = args.includes('--quick');
  const coldRuns = isQuick ? 2 : 5;
  const computeWindowMs = isQuick ? 10_000 : 20_000;
  const log = (m: string) => console.error(`[browser] ${m}`);
  const t0 = performance.now();
  const loadBefore = loadavg()[0]!;
  const buildNote = await ensurePwaBuilt(log);
  log(buildNote);
  // Each cold run's host takes tasks it never finishes; replicas keep enough unsent results for every run.
  const server = await startAppServer({ minQuorum: 6 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags({ proxyPort: DEAD_PROXY_PORT }) });
  try {
    const coldStarts: ColdStart[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const run = await measureColdStart(browser, server.origin);
      log(`cold run ${i + 1}: first step at ${(run.firstStepMs / 1000).toFixed(2)} s`);
      coldStarts.push(run);
    }
    const longTasks = await measureLongTasks(browser, server.origin, computeWindowMs);
    log(`long tasks: ${longTasks.startup.length} at start-up, ${longTasks.computing.length} while computing`);
    await server.close(); // the app server is done; the checkpoint bench needs only the CPU
    const checkpoint = await runCheckpointBench(browser, isQuick ? 1 : 2, log);
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`;
    const header = `### ${new Date().toISOString().slice(0, 10)}, ${machine}, Node ${process.version}, ${browser.version()} (headless); `
      + `load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (other processes share the cores); `
      + `bench took ${((performance.now() - t0) / 1000).toFixed(0)} s; ${buildNote}`;
    const section = formatBrowserTargets({ header, coldStarts, checkpoint, longTasks });
    console.log(section);
    if (!args.includes('--no-write')) {
      await writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), section);
      log('wrote bench/RESULTS.md (browser section)');
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
