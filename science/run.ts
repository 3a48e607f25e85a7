// `npm run science -- <experiment|all> [--seeds N] [--quick] [--engine ort|ref] [--processes N] [--out FILE] [--no-cache]`
// Runs an experiment's acceptance sweep in Node on onnxruntime-web wasm (one process per core), summarises it with
// the experiment's own summarize(), and writes science/RESULTS.md (full sweeps) or prints the report (quick ones).
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listExperiments } from '../experiments/registry.ts';
import { renderReport } from './report.ts';
import { runQuickOrFull } from './science-run.ts';
import { SweepEngine } from './sweep-messages.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seeds: { type: 'string' }, quick: { type: 'boolean', default: false }, engine: { type: 'string', default: 'ort' },
    processes: { type: 'string' }, out: { type: 'string' }, 'no-cache': { type: 'boolean', default: false },
  },
});
const target = positionals[0] ?? 'all';
const experiments = listExperiments().filter((e) => target === 'all' || e.name === target);
if (experiments.length === 0) {
  console.error(`unknown experiment "${target}"; available: ${listExperiments().map((e) => e.name).join(', ')}, all`);
  process.exit(2);
}
const engine = SweepEngine.parse(values.engine);
const processes = Number(values.processes ?? Math.min(2, availableParallelism()));
for (const experiment of experiments) {
  const run = await runQuickOrFull(experiment, {
    quick: values.quick, engine, processes, useCache: !values['no-cache'],
    ...(values.seeds === undefined ? {} : { seeds: Number(values.seeds) }),
    onResult: (done, total, wallS) => console.error(`[${experiment.name}] ${done}/${total} workunits (${wallS.toFixed(0)} s)`),
  });
  const markdown = renderReport(run.facts, run.summary, run.results, run.quick);
  const out = values.out ?? (values.quick ? undefined : fileURLToPath(new URL('./RESULTS.md', import.meta.url)));
  if (out === undefined) console.log(markdown);
  else {
    writeFileSync(out, markdown);
    console.error(`wrote ${out}`);
  }
  const failed = [...run.summary.checks, ...(run.quick ?? [])].filter((c) => c.pass === false);
  if (failed.length > 0) {
    console.error(`${failed.length} check(s) failed: ${failed.map((c) => c.id).join(', ')}`);
    process.exitCode = 1;
  }
}
