import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { BenchRunReply } from './browser-targets-protocol.ts';
import { DEFAULT_INTERVAL_MS, OFF_INTERVAL_MS, STRESS_INTERVAL_MS } from './browser-targets-checkpoint.ts';
import type { ColdStart } from './browser-targets-pwa.ts';
import { formatBrowserTargets, writeResults } from './browser-targets-report.ts';

let dir = '';
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'browser-targets-report-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const OTHERS = '# Benchmark results\n\n<!-- lazy:begin -->\nlazy figures\n<!-- lazy:end -->\n\nnotes of another bench\n';

test('the first write appends a titled browser section and leaves the other sections as they were', async () => {
  const path = join(dir, 'RESULTS.md');
  await writeFile(path, OTHERS);
  await writeResults(path, 'first figures');
  const text = await readFile(path, 'utf8');
  expect(text.startsWith(OTHERS.trimEnd())).toBe(true);
  expect(text).toMatch(/## browser: .*\n[\s\S]*<!-- browser:begin -->\nfirst figures\n<!-- browser:end -->\n$/);
});

test('a later write replaces only the text between the browser markers', async () => {
  const path = join(dir, 'RESULTS.md');
  await writeFile(path, OTHERS);
  await writeResults(path, 'first figures');
  await writeFile(path, `${await readFile(path, 'utf8')}\ntext added after the section\n`);
  await writeResults(path, 'second figures');
  const text = await readFile(path, 'utf8');
  expect(text).not.toContain('first figures');
  expect(text).toContain('<!-- browser:begin -->\nsecond figures\n<!-- browser:end -->');
  expect(text).toContain('lazy figures');
  expect(text).toContain('text added after the section');
  expect(text.match(/## browser:/g)).toHaveLength(1);
});

const reply = (computeMs: number, checkpointMs: number[]): BenchRunReply => ({
  wallMs: computeMs, computeMs, backend: 'ort-wasm', putMs: checkpointMs.map((ms) => ms - 1), checkpointMs, marks: { firstStep: 2500 },
  isCrossOriginIsolated: true,
});
const cold = (firstStepMs: number): ColdStart => ({
  domContentLoadedMs: 500, loadMs: 500, agentReadyMs: 900, clickMs: 1000, attachMs: 1100, workMs: 1200, wasmFetchedMs: 1500,
  cardMs: 1300, firstStepMs, longtasks: [{ startMs: 100, durationMs: 120 }],
});

test('verdicts follow the targets: median and max against 3 s, checkpoint cost per 10 s against 2 %, long tasks while computing', () => {
  const text = formatBrowserTargets({
    header: '### header',
    coldStarts: [cold(2000), cold(2500), cold(3500)],
    checkpoint: {
      firstTask: reply(1000, []),
      runs: [
        { intervalMs: OFF_INTERVAL_MS, reply: reply(10_000, []) },
        { intervalMs: STRESS_INTERVAL_MS, reply: reply(10_000, [100, 300]) }, // 200 ms per checkpoint: 2 % of 10 s
        { intervalMs: DEFAULT_INTERVAL_MS, reply: reply(10_000, [250]) },
      ],
    },
    longTasks: { computeWindowMs: 20_000, startup: [{ startMs: 100, durationMs: 300 }], computing: [{ startMs: 9000, durationMs: 70 }], progressUpdates: 50 },
  });
  expect(text).toContain('**PASS** on the median (2.50 s), **FAIL** on the max (3.50 s)');
  // (100 + 300 + 250) / 3 = 216.7 ms per checkpoint = 2.17 % of a 10 s interval: over the target.
  expect(text).toContain('**2. Checkpointing ≤ 2 % of compute** — **FAIL**: at the default 10 s interval checkpoints cost 2.17 %');
  expect(text).toContain('**3. No main-thread task > 50 ms while computing** — **FAIL**: 1 long tasks');
  expect(text).toContain('longest 70 ms');
});
