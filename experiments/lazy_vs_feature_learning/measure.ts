import { accuracyAndLoss } from '../engine/metrics/accuracy-loss.ts';
import { deadReluFraction } from '../engine/metrics/dead-relu.ts';
import { gradNorm } from '../engine/metrics/grad-norm.ts';
import { createCkaReference } from '../engine/metrics/linear-cka.ts';
import { weightEntropy } from '../engine/metrics/weight-entropy.ts';
import { weightMovement } from '../engine/metrics/weight-movement.ts';
import type { MlpModel } from '../engine/mlp-engine.ts';
import type { T1Dataset } from '../engine/t1-dataset.ts';

/** The metrics of spec E1 at one checkpoint of one width. */
export interface CheckpointValues {
  readonly movement: number;
  readonly movement_layers: number[];
  readonly cka_layers: number[];
  readonly cka_mean: number;
  readonly dead_frac: number;
  readonly weight_entropy: number;
  readonly h_norm: number;
  readonly grad_norm: number;
  readonly train_loss: number;
  readonly train_acc: number;
  readonly test_loss: number;
  readonly test_acc: number;
}

/** CKA against one hidden layer's epoch-0 test activations. */
export type CkaReference = (y: { values: Float32Array; n: number; p: number }) => number;

/** One CKA reference per hidden layer from that layer's test-set activations (n_test × h_l) at epoch 0. */
export function ckaReferences(testHidden: readonly Float32Array[], nTest: number): CkaReference[] {
  return testHidden.map((h) => createCkaReference({ values: h, n: nTest, p: h.length / nTest }));
}

/**
 * Measures the model as it is now: movement from `initWeights`, CKA of each hidden layer's post-ReLU test
 * activations against epoch 0 (refs built from this call's activations when `refs` is null, i.e. at epoch 0), the
 * dead fraction over the training inputs, weight entropy, the full-training-set gradient norm, losses and accuracies.
 */
export async function measureCheckpoint(
  model: MlpModel, data: T1Dataset, initWeights: readonly Float32Array[], refs: CkaReference[] | null,
): Promise<{ values: CheckpointValues; refs: CkaReference[] }> {
  const params = await model.params();
  const train = await model.forward(data.train.x, data.train.n);
  const test = await model.forward(data.test.x, data.test.n);
  const grad = await model.gradient({ x: data.train.x, labels: data.train.labels, n: data.train.n });
  const nTest = data.test.n;
  const useRefs = refs ?? ckaReferences(test.hidden, nTest);
  const ckaLayers = test.hidden.map((h, l) => {
    const ref = useRefs[l];
    if (ref === undefined) throw new RangeError(`no CKA reference for hidden layer ${l}`);
    return ref({ values: h, n: nTest, p: h.length / nTest });
  });
  const movement = weightMovement(initWeights, params.weights);
  const entropy = weightEntropy(params.weights);
  const trainAl = accuracyAndLoss(train.logits, data.train.labels, data.k);
  const testAl = accuracyAndLoss(test.logits, data.test.labels, data.k);
  return {
    refs: useRefs,
    values: {
      movement: movement.total,
      movement_layers: movement.layers,
      cka_layers: ckaLayers,
      cka_mean: ckaLayers.reduce((a, v) => a + v, 0) / ckaLayers.length,
      dead_frac: deadReluFraction(train.hidden, data.train.n),
      weight_entropy: entropy.h,
      h_norm: entropy.hNorm,
      grad_norm: gradNorm(grad.grad),
      train_loss: trainAl.loss,
      train_acc: trainAl.acc,
      test_loss: testAl.loss,
      test_acc: testAl.acc,
    },
  };
}

/** True when every number of the checkpoint is finite (otherwise the config is marked diverged, spec §1.3). */
export function isFiniteCheckpoint(v: CheckpointValues): boolean {
  return Object.values(v).every((x) => (Array.isArray(x) ? x.every(Number.isFinite) : Number.isFinite(x)));
}
