// One sweep worker process: its own engine (its own onnxruntime-web instance), running workunits sent by the parent
// (sweep-pool.ts) one at a time over IPC. Started with `node --import tsx`, so it needs no build step.
import { createReferenceEngine } from '../experiments/engine/reference/reference-engine.ts';
import type { KernelContext } from '../experiments/engine/kernel-context.ts';
import type { MlpEngine } from '../experiments/engine/mlp-engine.ts';
import { findExperiment } from '../experiments/registry.ts';
import { WorkunitInput } from '../shared/envelope.ts';
import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';
import { ChildRequest, type ChildReply } from './sweep-messages.ts';

const send = (m: ChildReply): void => {
  process.send?.(m);
};

let enginePromise: Promise<MlpEngine> | undefined;

async function runOne(raw: unknown): Promise<void> {
  const req = ChildRequest.parse(raw);
  enginePromise ??= req.engine === 'ort' ? createOrtWasmEngine() : Promise.resolve(createReferenceEngine());
  const engine = await enginePromise;
  const input = WorkunitInput.parse(req.input);
  const experiment = findExperiment(input.experiment);
  if (experiment === undefined) throw new Error(`unknown experiment ${input.experiment}`);
  const ctx: KernelContext<unknown> = {
    engine, resumed: null, signal: new AbortController().signal, shouldCheckpoint: () => false,
    checkpoint: () => Promise.resolve(), progress: () => undefined, nowMs: () => performance.now(),
  };
  const result = await experiment.run(input, ctx);
  send({ type: 'result', id: req.id, result });
}

process.on('message', (raw) => {
  runOne(raw).catch((err: unknown) => {
    // The parent records the failure and stops the sweep; the stack goes with it.
    send({ type: 'error', id: ChildRequest.safeParse(raw).data?.id ?? -1, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  });
});
send({ type: 'ready' });
