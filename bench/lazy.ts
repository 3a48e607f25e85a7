import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createReferenceEngine } from '../experiments/engine/reference/reference-engine.ts';
import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';
import { runLazyInChromium } from './browser/run-in-chromium.ts';
import { E1_WIDTHS, measureEngine } from './lazy-measure.ts';
import type { EngineTimings } from './lazy-report.ts';
import { formatTable, formatVerdicts } from './lazy-report.ts';
import { runTorchLazy } from './lazy-torch.ts';

/**
 * `npm run bench -- lazy [--quick] [--write]`: ms per E1 training step and per workunit for ts-ref (Node), ORT wasm
 * (Node, one run() per step and Loop), ORT wasm in a Chromium module Worker, and PyTorch CPU on one core, all in
 * this run. `--quick` measures widths 8 and 64 only; `--write` puts the table into bench/RESULTS.md.
 */
export async function runLazyBench(args: readonly string[]): Promise<void> {
  const isQuick = args.includes('--quick');
  const widths: number[] = isQuick ? [8, 64] : [...E1_WIDTHS];
  const budgetMs = isQuick ? 300 : 1000;
  const minEpochs = 3;
  const now = () => performance.now();
  const log = (msg: string) => console.error(`[lazy] ${msg}`);
  const t0 = now();

  log(`PyTorch (/usr/bin/python3, 1 thread), widths ${widths.join(', ')}`);
  const torch = await runTorchLazy(widths, budgetMs / 1000);
  log('ts-ref (Node)');
  const reference = await measureEngine(createReferenceEngine(), { widths, budgetMs, minEpochs, now });
  log('ORT wasm (Node), one run() per step');
  const ortStep = await measureEngine(await createOrtWasmEngine({ maxLoopSteps: 1 }), { widths, budgetMs, minEpochs, now });
  log('ORT wasm (Node), Loop');
  const ortLoop = await measureEngine(await createOrtWasmEngine(), { widths, budgetMs, minEpochs, now });
  log('ORT wasm in a Chromium module Worker, Loop');
  const browser = await runLazyInChromium({ widths, budgetMs, minEpochs, maxLoopSteps: 64 });
  if (!browser.isCrossOriginIsolated) log('warning: the bench page was not cross-origin isolated');

  const engines: EngineTimings[] = [
    { label: 'ts-ref, Node', timings: reference, isTarget: false },
    { label: 'ORT wasm, Node, run() per step', timings: ortStep, isTarget: false },
    { label: 'ORT wasm, Node, Loop', timings: ortLoop, isTarget: false },
    { label: 'ORT wasm, Chromium Worker, Loop', timings: browser.results, isTarget: true },
    { label: `PyTorch ${torch.torch} CPU (${torch.blas}, 1 thread)`, timings: torch.results, isTarget: false },
  ];
  const table = formatTable(engines, torch.results);
  const verdicts = formatVerdicts(engines, torch.results);
  const context = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `Node ${process.version}, ${browser.userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? 'chromium'}, ` +
    `one thread everywhere, bench took ${((now() - t0) / 1000).toFixed(0)} s`;
  const text = [`### lazy (E1 training step), ${context}`, '', table, '', ...verdicts.map((v) => `- ${v}`)].join('\n');
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
