import type { ResultEnvelope } from '../shared/envelope.ts';
import type { AcceptanceCheck, ScienceSummary } from '../experiments/experiment.ts';
import { PT_CKA, PT_MOVEMENT, PT_SLOPE, PT_TEST_ACC, PT_TRAIN_ACC, PT_TRANSITION_WIDTH, PT_WIDTHS } from './pt-reference.ts';

/** Everything the report states about how the sweep was run. */
export interface RunFacts {
  readonly experiment: string;
  readonly mode: 'full' | 'quick';
  readonly dateIso: string;
  readonly engine: string;
  readonly seeds: readonly number[];
  readonly dataSeed: number;
  readonly params: Record<string, unknown>;
  readonly processes: number;
  readonly wallS: number;
  /** Workunits taken from an earlier, interrupted session of the same sweep (result-cache.ts). */
  readonly reused: number;
  /** Results failing the per-result sanity check (canary, floors, non-finite), with reasons. */
  readonly sanityFailures: readonly string[];
}

const pass = (p: boolean | null): string => (p === null ? 'reported' : p ? '**pass**' : '**FAIL**');
const f = (x: number | undefined, d = 3): string => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

function checksTable(checks: readonly AcceptanceCheck[]): string[] {
  return ['| # | check | measured | accepted | result |', '| --- | --- | --- | --- | --- |',
    ...checks.map((c) => `| ${c.id} | ${c.description} | ${c.measured} | ${c.accepted} | ${pass(c.pass)} |`)];
}

function ptRow(label: string, widths: readonly number[], mean: readonly number[] | undefined, min: readonly number[] | undefined,
  max: readonly number[] | undefined, pt: readonly (readonly [number, number])[]): string[] {
  return widths.map((w, i) => {
    const k = PT_WIDTHS.indexOf(w as (typeof PT_WIDTHS)[number]); // -1 for widths outside the spec table
    const ref = pt[k];
    const refText = ref === undefined ? '-' : ref[0] === ref[1] ? f(ref[0], 2) : `${f(ref[0], 2)}-${f(ref[1], 2)}`;
    return `| ${label} | ${w} | ${f(mean?.[i])} | ${f(min?.[i])} - ${f(max?.[i])} | ${refText} |`;
  });
}

/** The markdown of science/RESULTS.md. */
export function renderReport(facts: RunFacts, summary: ScienceSummary, results: readonly ResultEnvelope[],
  quick: readonly AcceptanceCheck[] | null): string {
  const s = summary.series;
  const widths = s.widths ?? [];
  const wall = results.map((r) => r.timing.wall_s);
  const train = results.map((r) => r.timing.train_s);
  const avg = (xs: readonly number[]): number => xs.reduce((a, v) => a + v, 0) / Math.max(1, xs.length);
  const slopes = s.movement_loglog_slope ?? [];
  const lines = [
    `# Science results: ${facts.experiment} (${facts.mode} sweep)`,
    '',
    `Written by \`npm run science -- ${facts.experiment}${facts.mode === 'quick' ? ' --quick' : ''}\` (science/run.ts). `
      + `Thresholds are those of reference/experiments.md (${facts.experiment}); [pt] figures are the spec's PyTorch runs (3 seeds).`,
    '',
    `- Date: ${facts.dateIso}`,
    `- Engine: ${facts.engine}, ${facts.processes} processes (one per core)`,
    `- Seeds: ${facts.seeds.length} (${facts.seeds[0]}..${facts.seeds.at(-1)}), data_seed ${facts.dataSeed}`,
    `- Params: \`${JSON.stringify(facts.params)}\``,
    `- Wall time of the sweep: ${f(facts.wallS, 1)} s${facts.reused > 0 ? ` (this session; ${facts.reused} workunits reused from an earlier one)` : ''}; `
      + `per workunit ${f(avg(wall), 1)} s wall, ${f(avg(train), 1)} s in SGD (the machine's 2 cores were shared with other jobs)`,
    `- Per-result sanity (the experiment's check: canary at rtol 1e-4, non-finite values, its floors if any): `
      + `${results.length - facts.sanityFailures.length} of ${results.length} results pass`,
    ...facts.sanityFailures.map((m) => `  - ${m}`),
    '',
    `## Acceptance checks (spec, ${facts.experiment})`,
    '',
    ...checksTable(summary.checks),
    '',
  ];
  if (quick !== null) {
    lines.push('## Quick-sweep direction checks (thresholds in science/quick-plans.ts, fixed before the run)', '',
      ...checksTable(quick), '');
  }
  // Experiments without a width axis (e.g. E2) get their series as a plain table instead of E1's [pt] comparison.
  if (widths.length === 0) {
    lines.push('## Series', '', '| series | values |', '| --- | --- |',
      ...Object.entries(s).map(([k, v]) => `| ${k} | ${v.map((x) => f(x, 4)).join(', ')} |`), '',
      '## Findings', '', ...summary.findings.map((x) => `- ${x}`), '');
    return lines.join('\n');
  }
  lines.push('## Per width, against the spec\'s [pt] table (150 epochs)', '',
    '| quantity | width | mean | min - max | [pt] |', '| --- | --- | --- | --- | --- |',
    ...ptRow('movement', widths, s.movement_mean, s.movement_min, s.movement_max, PT_MOVEMENT),
    ...ptRow('CKA(init, final)', widths, s.cka_mean, s.cka_min, s.cka_max, PT_CKA),
    ...ptRow('test acc', widths, s.test_acc_mean, s.test_acc_min, s.test_acc_max, PT_TEST_ACC),
    ...ptRow('train acc', widths, s.train_acc_mean, s.train_acc_min, s.train_acc_max, PT_TRAIN_ACC),
    '',
    `movement_loglog_slope: mean ${f(avg(slopes))}, range ${f(Math.min(...slopes))} to ${f(Math.max(...slopes))} `
      + `([pt] ${PT_SLOPE[0]} to ${PT_SLOPE[1]}); transition width [pt] ${PT_TRANSITION_WIDTH}.`,
    '',
    '## Findings', '', ...summary.findings.map((x) => `- ${x}`), '');
  return lines.join('\n');
}
