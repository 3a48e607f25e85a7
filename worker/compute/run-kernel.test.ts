import { expect, test } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope, WorkunitInput } from '../../shared/envelope.ts';
import { ResultId, WorkunitId } from '../../shared/ids.ts';
import type { Task } from '../../shared/protocol/work.ts';
import { createReferenceEngine } from '../../experiments/engine/reference/reference-engine.ts';
import { findExperiment } from '../../experiments/registry.ts';
import type { CheckpointStore } from '../storage/checkpoint-store.ts';
import type { StoredCheckpoint } from '../storage/records.ts';
import type { ComputeEvent } from './compute-protocol.ts';
import { createComputeApi } from './create-compute-api.ts';

// The compute side with real parts: the real experiment from the registry on the real reference engine. Only the
// IndexedDB store is replaced by a Map (IndexedDB does not exist in Node; the e2e specs cover the real one).
const input: WorkunitInput = {
  experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', wu_id: 'run-kernel-test', seed: 3, data_seed: 20260302,
  params: { widths: [8], epochs: 2 }, replica_of: null,
};
const task: Task = {
  resultId: ResultId.parse(1), workunitId: WorkunitId.parse(1), name: 'run-kernel-test_0', appVersion: 1, input,
  rscFpopsEst: 1e9, reportDeadlineUnixS: 2_000_000_000,
};

function memoryStore(): CheckpointStore & { rows: Map<number, StoredCheckpoint> } {
  const rows = new Map<number, StoredCheckpoint>();
  return {
    rows,
    get: (id) => Promise.resolve(rows.get(id) ?? null),
    put: (checkpoint) => { rows.set(checkpoint.resultId, structuredClone(checkpoint)); return Promise.resolve(); },
  };
}

function computeApi(store: CheckpointStore) {
  let clockMs = 0;
  return createComputeApi({
    findExperiment,
    selectEngine: () => Promise.resolve({ engine: createReferenceEngine(), backend: 'reference', adapter: 'none', failures: [] }),
    checkpoints: store,
    nowMs: () => (clockMs += 1), // every safe point is past a 0 ms interval
    wallClockMs: () => 1_700_000_000_000,
  });
}

const science = (e: ResultEnvelope) => canonicalJson({ fingerprints: e.fingerprints, canary: e.canary, summary: e.summary, curves: e.curves });

test('a task stopped mid-run resumes from its stored checkpoint and ends with the result of a straight run', async () => {
  const store = memoryStore();
  const api = computeApi(store);
  const request = { task, checkpointIntervalMs: 0, cpuLimitPct: 100 };

  let stoppedAtStep = 0;
  const first = await api.run(request, (event: ComputeEvent) => {
    if (event.type === 'checkpoint' && event.step > 0 && stoppedAtStep === 0) {
      stoppedAtStep = event.step;
      void api.stop();
    }
  });
  expect(first.kind).toBe('stopped');
  const saved = store.rows.get(task.resultId);
  expect(saved?.step).toBeGreaterThanOrEqual(stoppedAtStep);
  expect(saved?.step).toBeGreaterThan(0);

  const events: ComputeEvent[] = [];
  const resumed = await api.run(request, (event) => { events.push(event); });
  expect(events[0]).toMatchObject({ type: 'started', backend: 'reference', resumedFrom: { step: saved?.step } });
  expect(resumed.kind).toBe('finished');
  // The kernel really continued from the checkpoint: its first progress report is not back at the start.
  const firstProgress = events.find((e) => e.type === 'progress');
  expect(firstProgress?.type === 'progress' ? firstProgress.step : -1).toBeGreaterThanOrEqual(saved?.step ?? Infinity);

  const straight = await computeApi(memoryStore()).run({ ...request, checkpointIntervalMs: 3_600_000 }, () => {});
  expect(straight.kind).toBe('finished');
  if (resumed.kind !== 'finished' || straight.kind !== 'finished') return;
  expect(science(resumed.envelope)).toBe(science(straight.envelope));
  expect(resumed.envelope.impl.engine).toBe('ts-ref');
});

test('a workunit of an experiment this build does not have ends as upgrade_required, not as a crash', async () => {
  const outcome = await computeApi(memoryStore()).run(
    { task: { ...task, input: { ...input, experiment: 'grokking' } }, checkpointIntervalMs: 0, cpuLimitPct: 100 }, () => {});
  expect(outcome).toMatchObject({ kind: 'failed', code: 'upgrade_required' });
});
