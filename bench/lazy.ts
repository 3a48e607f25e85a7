import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createReferenceEngine } from '../experiments/engine/reference/reference-engine.ts';
import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';
import type { ChromiumLazy } from './browser/run-in-chromium.ts';
import { openChromiumLazy } from './browser/run-in-chromium.ts';
import type { EpochTimer, WidthTiming } from './lazy-measure.ts';
import { E1_WIDTHS, STEPS_PER_EPOCH, prepareEpochTimer, summarizeEpochs } from './lazy-measure.ts';
import type { EngineTimings } from './lazy-report.ts';
import { formatTable, formatVerdicts } from './lazy-report.ts';
import { startTorchLazy } from './lazy-torch.ts';

const ENGINES = ['reference', 'ortStep', 'ortLoop', 'browser', 'torch'] as const;
type EngineKey = (typeof ENGINES)[number];

/** The Worker's epoch timer, driven through the page. */
async function prepareBrowser(browser: ChromiumLazy, width: number, log: (m: string) => void): Promise<EpochTimer> {
  const reply = await browser.request({ kind: 'prepare', width, maxLoopSteps: 64 });
  if (!reply.isCrossOriginIsolated) log('warning: the bench page is not cross-origin isolated');
  return {
    epochs: async (count) => (await browser.request({ kind: 'epochs', count })).epochMs,
    dispose: async () => { await browser.request({ kind: 'dispose' }); },
  };
}

/**
 * `npm run bench -- lazy [--quick] [--write]`: ms per E1 training step and per workunit for ts-ref (Node), ORT wasm
 * (Node: one run() per step, and Loop), ORT wasm in a Chromium module Worker (Loop), and PyTorch CPU on one core,
 * all in this run. At each width the engines take turns epoch by epoch, so load from other processes on a shared
 * machine hits them alike. `--quick` measures widths 8 and 64 only; `--write` puts the result into bench/RESULTS.md.
 */
export async function runLazyBench(args: readonly string[]): Promise<void> {
  const isQuick = args.includes('--quick');
  const widths: number[] = isQuick ? [8, 64] : [...E1_WIDTHS];
  const budgetMs = isQuick ? 500 : 2500;
  /** ≥ 200 timed PyTorch steps (7 epochs), as the brief asks; every engine gets the same number of turns. */
  const minEpochs = Math.ceil(200 / STEPS_PER_EPOCH);
  const now = () => performance.now();
  const log = (msg: string) => console.error(`[lazy] ${msg}`);
  const t0 = now();
  const loadBefore = loadavg()[0]!;

  const torch = await startTorchLazy();
  const browser = await openChromiumLazy();
  const reference = createReferenceEngine();
  const ortStep = await createOrtWasmEngine({ maxLoopSteps: 1 });
  const ortLoop = await createOrtWasmEngine();
  const timings = Object.fromEntries(ENGINES.map((k) => [k, [] as WidthTiming[]])) as Record<EngineKey, WidthTiming[]>; // filled below
  let userAgent = 'chromium';
  try {
    userAgent = (await browser.request({ kind: 'dispose' })).userAgent;
    for (const width of widths) {
      const timers: Record<EngineKey, EpochTimer> = {
        reference: await prepareEpochTimer(reference, width, now),
        ortStep: await prepareEpochTimer(ortStep, width, now),
        ortLoop: await prepareEpochTimer(ortLoop, width, now),
        browser: await prepareBrowser(browser, width, log),
        torch: await torch.prepare(width),
      };
      const epochMs = Object.fromEntries(ENGINES.map((k) => [k, [] as number[]])) as Record<EngineKey, number[]>; // filled below
      const start = now();
      let rounds = 0;
      while (rounds < minEpochs || now() - start < budgetMs) {
        for (const key of ENGINES) {
          // ts-ref takes 1–3 s per epoch at W ≥ 256: three epochs pin it well enough and keep the bench short.
          if (key === 'reference' && width >= 256 && rounds >= 3) continue;
          epochMs[key].push(...await timers[key].epochs(1));
        }
        rounds++;
      }
      for (const key of ENGINES) {
        timings[key].push(summarizeEpochs(width, epochMs[key]));
        await timers[key].dispose();
      }
      log(`W=${width}: ${rounds} epochs per engine (ts-ref ${epochMs.reference.length}), ${((now() - start) / 1000).toFixed(1)} s`);
    }
  } finally {
    torch.close();
    await browser.close();
  }

  const engines: EngineTimings[] = [
    { label: 'ts-ref, Node', timings: timings.reference, isTarget: false },
    { label: 'ORT wasm, Node, run() per step', timings: timings.ortStep, isTarget: false },
    { label: 'ORT wasm, Node, Loop', timings: timings.ortLoop, isTarget: false },
    { label: 'ORT wasm, Chromium Worker, Loop', timings: timings.browser, isTarget: true },
    { label: `PyTorch ${torch.info.torch} CPU (${torch.info.blas}, 1 thread)`, timings: timings.torch, isTarget: false },
  ];
  const context = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ` +
    `Node ${process.version}, ${userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? 'chromium'}, one thread per engine; ` +
    `load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (other processes share the cores); ` +
    `bench took ${((now() - t0) / 1000).toFixed(0)} s`;
  const text = [
    `### ${context}`, '',
    'Median epoch (the typical speed):', '', formatTable(engines, timings.torch, 'median'), '',
    'Fastest epoch (least disturbed by other processes; closest to an idle machine):', '',
    formatTable(engines, timings.torch, 'best'), '',
    ...(['median', 'best'] as const).flatMap((stat) => formatVerdicts(engines, timings.torch, stat)).map((v) => `- ${v}`),
  ].join('\n');
  console.log(text);
  if (args.includes('--write')) await writeResults(text);
}

const BEGIN = '<!-- lazy:begin -->';
const END = '<!-- lazy:end -->';

/** Replaces the `lazy` section of bench/RESULTS.md (between its markers) with `text`. */
async function writeResults(text: string): Promise<void> {
  const path = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const old = await readFile(path, 'utf8');
  const start = old.indexOf(BEGIN);
  const end = old.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} lacks the ${BEGIN} … ${END} markers`);
  await writeFile(path, `${old.slice(0, start + BEGIN.length)}\n${text}\n${old.slice(end)}`);
}
