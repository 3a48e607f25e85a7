import type { MlpEngine, MlpModel, MlpParams, MlpShape } from '../mlp-engine.ts';
import { ReferenceModel } from './reference-model.ts';

/** Version written into `impl.version` for `ts-ref`; bump when the reference numerics change. */
export const REFERENCE_ENGINE_VERSION = 'ts-ref 1.0.0';

/**
 * The plain-TypeScript float32 engine (`ts-ref`, spec §1.3–1.4). Runs anywhere (Node, page, Worker), needs no wasm,
 * and is the oracle the onnxruntime engines are tested against. Fast only for small widths (W ≤ 16).
 */
export function createReferenceEngine(): MlpEngine {
  return {
    name: 'ts-ref',
    version: REFERENCE_ENGINE_VERSION,
    createModel(shape: MlpShape, init: MlpParams): Promise<MlpModel> {
      // A bad shape rejects rather than throws: callers handle one failure path.
      return new Promise((resolve) => resolve(new ReferenceModel(shape, init)));
    },
  };
}
