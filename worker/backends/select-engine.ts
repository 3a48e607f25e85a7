import { AppError } from '../../shared/errors.ts';
import type { BackendName } from '../../shared/protocol/capabilities.ts';
import type { MlpEngine } from '../../experiments/engine/mlp-engine.ts';

/** One engine this build can try, in order of preference. */
export interface EngineCandidate {
  readonly backend: BackendName;
  /** Adapter string reported with results (`none` for CPU engines). */
  readonly adapter: string;
  readonly create: () => MlpEngine | Promise<MlpEngine>;
}

export interface SelectedEngine {
  readonly engine: MlpEngine;
  readonly backend: BackendName;
  readonly adapter: string;
  /** Why earlier candidates were passed over, e.g. `ort-wasm: CompileError …`; empty when the first one worked. */
  readonly failures: readonly string[];
}

/**
 * Picks the first candidate that can build and run a tiny model (ORT's `resolveBackend()`: try in order, remember every
 * failure). A probe model trains one step, because onnxruntime-web only fails when its wasm is first instantiated,
 * and a task should learn that before it starts, not in its first step.
 */
export async function selectEngine(candidates: readonly EngineCandidate[]): Promise<SelectedEngine> {
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      const engine = await candidate.create();
      const probe = await engine.createModel(
        { sizes: [2, 2, 2], activation: 'relu' },
        { weights: [new Float32Array(4), new Float32Array(4)], biases: [new Float32Array(2), new Float32Array(2)] },
      );
      // Models may create their sessions lazily, so only a step proves the wasm loads and runs.
      await probe.train([{ x: new Float32Array([0.5, -0.5]), labels: new Uint8Array([1]), n: 1 }], 0);
      await probe.dispose();
      return { engine, backend: candidate.backend, adapter: candidate.adapter, failures };
    } catch (error) {
      // Kept and reported: the next candidate is tried, and the caller logs why this one was skipped.
      failures.push(`${candidate.backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new AppError('internal', `No compute backend works here. Tried: ${failures.join('; ') || 'none'}`);
}
