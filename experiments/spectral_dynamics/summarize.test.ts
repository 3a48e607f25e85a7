import { beforeAll, describe, expect, test } from 'vitest';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { createReferenceEngine } from '../engine/reference/reference-engine.ts';
import { runSpectralDynamics } from './kernel.ts';
import { SdSummary } from './result-schema.ts';
import { summarizeSd } from './summarize.ts';
import { cloneData, createTestContext } from '../engine/test-context.ts';

const input = (seed: number): WorkunitInput => ({
  experiment: 'spectral_dynamics', spec: 'axk-1.0', wu_id: `sd-sum-${seed}`, seed, data_seed: 20260302,
  params: { archs: ['A3', 'A5'], lrs: [0.1, 0.2], epochs: 1 }, replica_of: null,
});

let results: ResultEnvelope[];
beforeAll(async () => {
  results = [];
  for (const seed of [0, 1]) results.push(await runSpectralDynamics(input(seed), createTestContext(createReferenceEngine()).ctx));
});

const byId = (s: ReturnType<typeof summarizeSd>, id: string) => s.checks.find((c) => c.id === id);

describe('summarizeSd (spec E2 acceptance checks)', () => {
  test('reports the ten checks; the init checks 1-3 pass on real He inits', () => {
    const s = summarizeSd(results);
    expect(s.resultCount).toBe(2);
    expect(s.checks.map((c) => c.id)).toEqual(['E2.1', 'E2.2', 'E2.3', 'E2.4', 'E2.5', 'E2.6', 'E2.7', 'E2.8', 'E2.9', 'E2.10']);
    expect(byId(s, 'E2.1')?.pass).toBe(true);
    expect(byId(s, 'E2.2')?.pass).toBe(true);
    expect(byId(s, 'E2.3')).toMatchObject({ pass: true, measured: '0 outliers' });
    expect(byId(s, 'E2.5')?.pass).toBeNull(); // reported only
    expect(byId(s, 'E2.10')?.pass).toBeNull();
    expect(s.series.lrs).toEqual([0.1, 0.2]);
    expect(s.series.mean_top_sv_growth).toHaveLength(2);
    expect(s.series.depth_effect).toHaveLength(2); // A3 and A5 present: depth_effect is a number per seed
  });

  test('checks 4 and 6-9 are not judged on runs shorter than the spec\'s 60 epochs', () => {
    const s = summarizeSd(results);
    for (const id of ['E2.4', 'E2.6', 'E2.7', 'E2.8', 'E2.9']) {
      expect(byId(s, id)?.pass).toBeNull();
      expect(byId(s, id)?.accepted).toContain('calibrated at 60 epochs');
    }
  });

  test('check 4 and check 8 follow the summary numbers (mean_erank_change, mean_top_sv_growth at lr 0.1)', () => {
    // Judged as full-length results: the thresholds are the spec's 60-epoch ones.
    const edited = results.map((r) => {
      const s = SdSummary.parse(cloneData(r.summary));
      s.lr_rank_summary['0.1']!.mean_erank_change = -0.004;
      s.lr_rank_summary['0.2']!.mean_erank_change = -0.006;
      s.lr_rank_summary['0.1']!.mean_top_sv_growth = 1.1;
      return { ...r, params: { ...r.params, epochs: 60 }, summary: s };
    });
    const good = summarizeSd(edited);
    expect(byId(good, 'E2.4')?.pass).toBe(true);
    expect(byId(good, 'E2.8')?.pass).toBe(true);
    const first = SdSummary.parse(cloneData(edited[0]!.summary));
    first.lr_rank_summary['0.2']!.mean_erank_change = 0.001; // 1 of 2 seeds: below 80%
    first.lr_rank_summary['0.1']!.mean_top_sv_growth = 1.3; // outside [1.05, 1.20]
    const bad = summarizeSd([{ ...edited[0]!, summary: first }, edited[1]!]);
    expect(byId(bad, 'E2.4')?.pass).toBe(false);
    expect(byId(bad, 'E2.8')?.pass).toBe(false);
  });

  test('results without a parseable E2 summary are left out and counted', () => {
    const s = summarizeSd([...results, { ...results[0]!, summary: { top_sv_growth: [1] } }]);
    expect(s.resultCount).toBe(2);
    expect(s.findings.join(' ')).toContain('1 result(s)');
    expect(summarizeSd([]).checks.every((c) => c.pass !== true)).toBe(true);
  });
});
