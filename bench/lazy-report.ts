import type { WidthTiming } from './lazy-measure.ts';
import { E1_WIDTHS, SAMPLES, STEPS_PER_EPOCH, STEPS_PER_WU_WIDTH, TABLE_WIDTHS } from './lazy-measure.ts';

/** One engine's timings at every measured width. */
export interface EngineTimings {
  readonly label: string;
  readonly timings: readonly WidthTiming[];
  /** Counts for the "browser Worker on WASM ≤ PyTorch" target. */
  readonly isTarget: boolean;
}

const at = (t: readonly WidthTiming[], w: number) => t.find((x) => x.width === w);
const fmt = (v: number, digits = 3) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(digits));

/** GFLOP/s by spec §1.8: 6·P FLOPs per sample per step, over an epoch's 2000 samples in 32 steps. */
function gflops(t: WidthTiming): number {
  return (6 * t.params * SAMPLES) / (t.msPerStep * STEPS_PER_EPOCH) / 1e6;
}

/** Seconds for a full E1 workunit: 4800 steps at each of the 7 widths; null if a width was not measured. */
export function wuSeconds(t: readonly WidthTiming[]): number | null {
  let total = 0;
  for (const w of E1_WIDTHS) {
    const x = at(t, w);
    if (x === undefined) return null;
    total += (x.msPerStep * STEPS_PER_WU_WIDTH) / 1000;
  }
  return total;
}

/** The markdown table: per width ms/step, s per WU-width, GFLOP/s and the ratio to PyTorch (< 1 = faster). */
export function formatTable(engines: readonly EngineTimings[], torch: readonly WidthTiming[]): string {
  const widths = TABLE_WIDTHS.filter((w) => at(torch, w) !== undefined);
  const head = ['engine', ...widths.map((w) => `W=${w} ms/step (s/WU-w) GFLOP/s ×torch`), 'E1 WU s (×torch)'];
  const rows = [head, head.map(() => '---')];
  const torchWu = wuSeconds(torch);
  for (const e of engines) {
    const cells = widths.map((w) => {
      const x = at(e.timings, w);
      const ref = at(torch, w);
      if (x === undefined || ref === undefined) return '–';
      const wuW = (x.msPerStep * STEPS_PER_WU_WIDTH) / 1000;
      return `${fmt(x.msPerStep)} (${fmt(wuW, 2)}) ${fmt(gflops(x), 2)} **${(x.msPerStep / ref.msPerStep).toFixed(2)}**`;
    });
    const wu = wuSeconds(e.timings);
    const wuCell = wu === null ? '–' : `${fmt(wu, 2)} (**${torchWu === null ? '?' : (wu / torchWu).toFixed(2)}**)`;
    rows.push([e.label, ...cells, wuCell]);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The verdicts: for each target engine, per width and for the whole WU, is it at most PyTorch's time per core? */
export function formatVerdicts(engines: readonly EngineTimings[], torch: readonly WidthTiming[]): string[] {
  const lines: string[] = [];
  const torchWu = wuSeconds(torch);
  for (const e of engines.filter((x) => x.isTarget)) {
    const perWidth = E1_WIDTHS.flatMap((w) => {
      const x = at(e.timings, w);
      const ref = at(torch, w);
      return x === undefined || ref === undefined ? [] : [`W=${w} ${x.msPerStep <= ref.msPerStep ? 'MET' : 'NOT MET'} (${(x.msPerStep / ref.msPerStep).toFixed(2)}×)`];
    });
    lines.push(`Target "${e.label} ≤ PyTorch per core", per width: ${perWidth.join(', ')}`);
    const wu = wuSeconds(e.timings);
    if (wu !== null && torchWu !== null) {
      lines.push(`Target "${e.label} ≤ PyTorch per core", full E1 WU (7 widths × 4800 steps): ` +
        `${wu <= torchWu ? 'MET' : 'NOT MET'}: ${wu.toFixed(2)} s vs ${torchWu.toFixed(2)} s (${(wu / torchWu).toFixed(2)}×)`);
    }
  }
  return lines;
}
