import { spectrumSummary, type SpectrumSummary } from '../engine/linalg/spectrum.ts';
import { accuracyAndLoss } from '../engine/metrics/accuracy-loss.ts';
import type { MlpModel } from '../engine/mlp-engine.ts';
import type { T1Dataset } from '../engine/t1-dataset.ts';
import type { MatrixPoint } from './result-schema.ts';
import { participationRatio } from './stats.ts';
import { TOP_SV_COUNT } from './spec.ts';

/** The metrics of spec E2 at one checkpoint of one config. */
export interface CheckpointValues {
  readonly matrices: MatrixPoint[];
  readonly pr_last_hidden: number;
  readonly train_loss: number;
  readonly train_acc: number;
  readonly test_loss: number;
  readonly test_acc: number;
}

/** Spectra of the init weights, shared by the four learning rates of an architecture (s_1(0) for the growth). */
export function initSpectra(weights: readonly Float32Array[], sizes: readonly number[]): SpectrumSummary[] {
  return weights.map((w, l) => spectrumSummary(w, sizes[l + 1] ?? 0, sizes[l] ?? 0));
}

/**
 * Spectra of each weight matrix of `weights` (spec §1.6), its growth s_1(t)/s_1(0) against `init`, and the spectra
 * of its update W(t) − W(0) (null when `isInit`: at epoch 0 the update is 0).
 */
export function matrixPoints(weights: readonly Float32Array[], initWeights: readonly Float32Array[], init: readonly SpectrumSummary[],
  sizes: readonly number[], isInit: boolean): MatrixPoint[] {
  return weights.map((w, l) => {
    const m = sizes[l + 1] ?? 0;
    const n = sizes[l] ?? 0;
    const s = spectrumSummary(w, m, n);
    const w0 = initWeights[l] ?? new Float32Array(w.length);
    let update: SpectrumSummary | null = null;
    if (!isInit) {
      // W(t) − W(0) of the float32 matrices, formed in float64 (each difference is then exact).
      const d = new Float64Array(w.length);
      for (let i = 0; i < w.length; i++) d[i] = (w[i] ?? 0) - (w0[i] ?? 0);
      update = spectrumSummary(d, m, n);
    }
    return {
      top_sv: [...s.sv.subarray(0, TOP_SV_COUNT)],
      mp_sigma2: s.mpSigma2, mp_edge: s.mpEdge, erank: s.erank, stable_rank: s.stableRank, s1_s2: s.s1s2,
      top_sv_growth: (s.sv[0] ?? 0) / (init[l]?.sv[0] ?? Number.NaN),
      mp_outliers: s.mpOutliers,
      update_erank: update?.erank ?? null,
      update_s1: update === null ? null : (update.sv[0] ?? 0),
      update_stable_rank: update?.stableRank ?? null,
    };
  });
}

/**
 * Measures the model as it is now: spectra of every weight matrix and of its update, the participation ratio of the
 * last hidden layer on the test inputs, and loss and accuracy on the training and test sets.
 */
export async function measureCheckpoint(model: MlpModel, data: T1Dataset, initWeights: readonly Float32Array[],
  init: readonly SpectrumSummary[], sizes: readonly number[], isInit: boolean): Promise<CheckpointValues> {
  const params = await model.params();
  const train = await model.forward(data.train.x, data.train.n);
  const test = await model.forward(data.test.x, data.test.n);
  const trainAl = accuracyAndLoss(train.logits, data.train.labels, data.k);
  const testAl = accuracyAndLoss(test.logits, data.test.labels, data.k);
  const last = test.hidden.at(-1) ?? new Float32Array();
  return {
    matrices: matrixPoints(params.weights, initWeights, init, sizes, isInit),
    pr_last_hidden: participationRatio(last, data.test.n, last.length / data.test.n),
    train_loss: trainAl.loss, train_acc: trainAl.acc, test_loss: testAl.loss, test_acc: testAl.acc,
  };
}

/** True when every number of the checkpoint is finite (otherwise the config is marked diverged, spec §1.3). */
export function isFiniteCheckpoint(v: CheckpointValues): boolean {
  const finite = (x: number | null): boolean => x === null || Number.isFinite(x);
  return [v.pr_last_hidden, v.train_loss, v.train_acc, v.test_loss, v.test_acc].every(finite)
    && v.matrices.every((m) => Object.values(m).every((x) => (Array.isArray(x) ? x.every(finite) : finite(x))));
}
