import { describe, expect, it } from 'vitest';
import type { WidthTiming } from './lazy-measure.ts';
import { E1_WIDTHS, summarizeEpochs } from './lazy-measure.ts';
import { formatTable, formatVerdicts, wuSeconds } from './lazy-report.ts';

const flat = (msPerStep: number): WidthTiming[] =>
  E1_WIDTHS.map((width) => ({ width, params: width * width + 27 * width + 5, msPerStep, msPerStepBest: msPerStep / 2, steps: 224 }));

describe('lazy report', () => {
  it('summarises epochs as median and fastest epoch per step of 32', () => {
    const t = summarizeEpochs(64, [3.2, 6.4, 32]);
    expect(t.msPerStep).toBeCloseTo(0.2);
    expect(t.msPerStepBest).toBeCloseTo(0.1);
    expect(t.params).toBe(5829);
    expect(t.steps).toBe(96);
  });

  it('sums 4800 steps over the 7 E1 widths for the workunit estimate', () => {
    expect(wuSeconds(flat(1), 'median')).toBeCloseTo(7 * 4.8);
    expect(wuSeconds(flat(1), 'best')).toBeCloseTo(7 * 2.4);
    expect(wuSeconds(flat(1).slice(1), 'median')).toBeNull();
  });

  it('calls the target met only when the Worker is no slower than PyTorch', () => {
    const engines = [{ label: 'Worker', timings: flat(0.5), isTarget: true }, { label: 'other', timings: flat(9), isTarget: false }];
    const [perWidth, wu] = formatVerdicts(engines, flat(1), 'median');
    expect(perWidth).toContain('W=512 MET (0.50×)');
    expect(wu).toContain('**MET**');
    expect(formatVerdicts([{ label: 'Worker', timings: flat(1.1), isTarget: true }], flat(1), 'median')[1]).toContain('**NOT MET**');
    expect(formatTable(engines, flat(1), 'median')).toContain('**0.50**');
  });
});
