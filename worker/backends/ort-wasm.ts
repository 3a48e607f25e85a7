import * as ort from 'onnxruntime-web/wasm';
import type { MlpEngine, MlpModel, MlpParams, MlpShape } from '../../experiments/engine/mlp-engine.ts';
import type { MlpGraph, MlpGraphKind } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { buildMlpGraph } from '../../experiments/engine/onnx/mlp-graphs.ts';
import { OrtMlpModel } from './ort-mlp-model.ts';
import type { OrtQueue } from './ort-queue.ts';
import { createOrtQueue } from './ort-queue.ts';

/** Written into `impl.version`; the ort-wasm test checks it against `ort.env.versions.web`. */
export const ORT_WASM_VERSION = 'onnxruntime-web 1.30.0';

export interface OrtWasmOptions {
  /**
   * Wasm threads per engine. @defaultValue 1: one Worker per core is the design (runtime.md §1.4), and ORT's own
   * default would start min(4, cores/2) threads per Worker when cross-origin isolated. Only has effect before the
   * realm's first ORT session.
   */
  readonly numThreads?: number;
  /** Longest run of equal-size batches per Loop `run()`. @defaultValue 64 (an E1 epoch is 31 + 1). */
  readonly maxLoopSteps?: number;
  /** The queue for ORT calls. @defaultValue the realm's queue, shared by every engine of this page or Worker */
  readonly queue?: OrtQueue;
}

/**
 * ORT's wasm instance is one per realm, so the queue that serialises calls into it must be too: two engines created
 * in one Worker (a probe, then the real one) must not run sessions concurrently. The one module-level state here,
 * on purpose.
 */
const realmQueue = createOrtQueue();

/**
 * The onnxruntime-web wasm engine (`wasm-simd`). Builds the MLP graphs in TS (experiments/engine/onnx), caches one
 * session per graph kind and shape, and runs K equal-size steps per `run()` through the Loop graph. Runs in a
 * browser Worker (Vite resolves ORT's wasm file) and in Node 20 alike: nothing here is Node-only.
 */
export function createOrtWasmEngine(options: OrtWasmOptions = {}): Promise<MlpEngine> {
  return new Promise((resolve) => {
    ort.env.wasm.numThreads = options.numThreads ?? 1;
    const queue = options.queue ?? realmQueue;
    const maxLoopSteps = options.maxLoopSteps ?? 64;
    if (!Number.isInteger(maxLoopSteps) || maxLoopSteps < 1) throw new Error(`maxLoopSteps must be ≥ 1; got ${maxLoopSteps}`);
    /** Session promises by `kind|sizes|activation`; a rejected one is dropped so a retry can succeed. */
    const sessions = new Map<string, Promise<{ session: ort.InferenceSession; graph: MlpGraph }>>();

    const sessionFor = (shape: MlpShape, kind: MlpGraphKind) => {
      const key = `${kind}|${shape.sizes.join('x')}|${shape.activation}`;
      let entry = sessions.get(key);
      if (entry === undefined) {
        const graph = buildMlpGraph(kind, shape);
        // Called from inside a queued task, so creation is already serialised with every run().
        entry = ort.InferenceSession.create(graph.bytes, { executionProviders: ['wasm'] }).then((session) => ({ session, graph }));
        entry.catch(() => sessions.delete(key)); // the caller sees the rejection through `entry`; this only evicts it
        sessions.set(key, entry);
      }
      return entry;
    };

    resolve({
      name: 'wasm-simd',
      version: ORT_WASM_VERSION,
      createModel(shape: MlpShape, init: MlpParams): Promise<MlpModel> {
        return new Promise((done) => done(new OrtMlpModel(
          { ort, queue, maxLoopSteps, session: (kind) => sessionFor(shape, kind) }, shape, init)));
      },
    });
  });
}
