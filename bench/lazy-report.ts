import type { WidthTiming } from './lazy-measure.ts';
import { E1_WIDTHS, SAMPLES, STEPS_PER_EPOCH, STEPS_PER_WU_WIDTH, TABLE_WIDTHS } from './lazy-measure.ts';

/** One engine's timings at every measured width. */
export interface EngineTimings {
  readonly label: string;
  readonly timings: readonly WidthTiming[];
  /** Counts for the "browser Worker on WASM ≤ PyTorch" target. */
  readonly isTarget: boolean;
}

/** Which per-step figure a table shows: the median epoch (typical) or the fastest (least disturbed). */
export type Statistic = 'median' | 'best';

const ms = (t: WidthTiming, stat: Statistic) => (stat === 'median' ? t.msPerStep : t.msPerStepBest);
const at = (t: readonly WidthTiming[], w: number) => t.find((x) => x.width === w);
const fmt = (v: number, digits = 3) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(digits));

/** GFLOP/s by spec §1.8: 6·P FLOPs per sample per step, over an epoch's 2000 samples in 32 steps. */
function gflops(t: WidthTiming, stat: Statistic): number {
  return (6 * t.params * SAMPLES) / (ms(t, stat) * STEPS_PER_EPOCH) / 1e6;
}

/** Seconds for a full E1 workunit: 4800 steps at each of the 7 widths; null if a width was not measured. */
export function wuSeconds(t: readonly WidthTiming[], stat: Statistic): number | null {
  let total = 0;
  for (const w of E1_WIDTHS) {
    const x = at(t, w);
    if (x === undefined) return null;
    total += (ms(x, stat) * STEPS_PER_WU_WIDTH) / 1000;
  }
  return total;
}

/** Markdown table: per width ms/step, s per WU-width, GFLOP/s and, bold, time relative to PyTorch (< 1 = faster). */
export function formatTable(engines: readonly EngineTimings[], torch: readonly WidthTiming[], stat: Statistic): string {
  const widths = TABLE_WIDTHS.filter((w) => at(torch, w) !== undefined);
  const head = ['engine', ...widths.map((w) => `W=${w}: ms/step (s/WU-w) GFLOP/s ×torch`), 'E1 WU s (×torch)'];
  const rows = [head, head.map(() => '---')];
  const torchWu = wuSeconds(torch, stat);
  for (const e of engines) {
    const cells = widths.map((w) => {
      const x = at(e.timings, w);
      const ref = at(torch, w);
      if (x === undefined || ref === undefined) return '–';
      const wuW = (ms(x, stat) * STEPS_PER_WU_WIDTH) / 1000;
      return `${fmt(ms(x, stat))} (${fmt(wuW, 2)}) ${fmt(gflops(x, stat), 2)} **${(ms(x, stat) / ms(ref, stat)).toFixed(2)}**`;
    });
    const wu = wuSeconds(e.timings, stat);
    const wuCell = wu === null ? '–' : `${fmt(wu, 2)} (**${torchWu === null ? '?' : (wu / torchWu).toFixed(2)}**)`;
    rows.push([e.label, ...cells, wuCell]);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Verdicts for each target engine, per width and for the whole WU: is it at most PyTorch's time per core? */
export function formatVerdicts(engines: readonly EngineTimings[], torch: readonly WidthTiming[], stat: Statistic): string[] {
  const lines: string[] = [];
  const torchWu = wuSeconds(torch, stat);
  for (const e of engines.filter((x) => x.isTarget)) {
    const perWidth = E1_WIDTHS.flatMap((w) => {
      const x = at(e.timings, w);
      const ref = at(torch, w);
      if (x === undefined || ref === undefined) return [];
      const ratio = ms(x, stat) / ms(ref, stat);
      return [`W=${w} ${ratio <= 1 ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)}×)`];
    });
    lines.push(`${stat} epoch: "${e.label} ≤ PyTorch time per core" per width: ${perWidth.join(', ')}`);
    const wu = wuSeconds(e.timings, stat);
    if (wu !== null && torchWu !== null) {
      lines.push(`${stat} epoch: "${e.label} ≤ PyTorch time per core" for a full E1 WU (7 widths × 4800 steps): ` +
        `**${wu <= torchWu ? 'MET' : 'NOT MET'}**, ${wu.toFixed(2)} s vs ${torchWu.toFixed(2)} s (${(wu / torchWu).toFixed(2)}×)`);
    }
  }
  return lines;
}
