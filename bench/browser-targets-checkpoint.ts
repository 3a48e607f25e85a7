/**
 * Target 2 of `npm run bench -- browser` (and the Worker-side phases of target 1), on a dedicated page: the app's
 * compute Worker composition with timers (browser-targets-worker.ts), bundled with esbuild, served from 127.0.0.1 with
 * COOP/COEP like the app, in headless Chromium. The same workunit runs with checkpoints off (a huge interval), every
 * 1 s (stress) and every 10 s (the default), each under a fresh result id so no run resumes another's checkpoint.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { SPEC_ID } from '../shared/envelope.ts';
import { Task } from '../shared/protocol/work.ts';
import { DEFAULT_DATA_SEED } from '../server/project/deploy-sweep.ts';
import type { BenchRunReply } from './browser-targets-protocol.ts';
import { serveBenchPage } from './browser/serve-bench-page.ts';

/** The interval that means "checkpoints off": far beyond any run here. */
export const OFF_INTERVAL_MS = 1e9;
/** The app's default checkpoint interval (volunteer setting, 10 s). */
export const DEFAULT_INTERVAL_MS = 10_000;
export const STRESS_INTERVAL_MS = 1_000;

/** E1 at two of its real widths (≥ 64), 300 epochs (twice the spec's schedule, so a run lasts 10–20 s): checkpoints of 23–80 KB of weights. */
export const WIDE_PARAMS = { widths: [64, 128], epochs: 300 } as const;
/** The small sweep's workunit (server/project/default-project.ts): the task a cold start gets. */
export const SMALL_PARAMS = { widths: [8, 16], epochs: 3 } as const;

let nextResultId = 1;
function task(params: Record<string, unknown>, wuId: string): Task {
  const resultId = nextResultId++;
  return Task.parse({
    resultId, workunitId: 1, name: `${wuId}_${resultId}`, appVersion: 1, rscFpopsEst: 1e9, reportDeadlineUnixS: 2_000_000_000,
    input: { experiment: 'lazy_vs_feature_learning', spec: SPEC_ID, wu_id: wuId, seed: 0, data_seed: DEFAULT_DATA_SEED, params, replica_of: null },
  });
}

export interface CheckpointRun {
  readonly intervalMs: number;
  readonly reply: BenchRunReply;
}

export interface CheckpointBench {
  /** Worker-side phases of a first task in a fresh Worker (wasm compile included), small-sweep workunit. */
  readonly firstTask: BenchRunReply;
  readonly runs: CheckpointRun[];
}

/** Runs the page; `rounds` passes over [off, 1 s, 10 s] (the order alternates so drift hits every setting alike). */
export async function runCheckpointBench(browser: Browser, rounds: number, log: (m: string) => void): Promise<CheckpointBench> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const bench = await serveBenchPage(
    { page: join(here, 'browser-targets-page.ts'), worker: join(here, 'browser-targets-worker.ts') }, 'browser targets bench');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(bench.url);
    const runTask = (t: Task, intervalMs: number) => page.evaluate((req) => window.runBenchTask(req), { task: t, checkpointIntervalMs: intervalMs });
    const firstTask = await runTask(task(SMALL_PARAMS, 'bench-small'), DEFAULT_INTERVAL_MS);
    if (!firstTask.isCrossOriginIsolated) log('warning: the bench page is not cross-origin isolated');
    // Warm-up, untimed: one whole wide run creates the ORT sessions of every shape and lets V8 tier the hot wasm and JS
    // up (Liftoff → TurboFan); without it the first timed run was 1.5–1.8× slower than the same run later.
    await runTask(task(WIDE_PARAMS, 'bench-wide-warmup'), OFF_INTERVAL_MS);
    const runs: CheckpointRun[] = [];
    const order = [OFF_INTERVAL_MS, STRESS_INTERVAL_MS, DEFAULT_INTERVAL_MS];
    for (let round = 0; round < rounds; round++) {
      for (const intervalMs of round % 2 === 0 ? order : [...order].reverse()) {
        const reply = await runTask(task(WIDE_PARAMS, 'bench-wide'), intervalMs);
        log(`checkpoint every ${intervalMs === OFF_INTERVAL_MS ? 'never' : `${intervalMs / 1000} s`}: compute ${(reply.computeMs / 1000).toFixed(2)} s, `
          + `${reply.checkpointMs.length} checkpoints, ${sum(reply.checkpointMs).toFixed(0)} ms in them`);
        runs.push({ intervalMs, reply });
      }
    }
    return { firstTask, runs };
  } finally {
    await context.close();
    await bench.close();
  }
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
