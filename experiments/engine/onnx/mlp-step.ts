import type { MlpShape } from '../mlp-engine.ts';
import type { GraphBuilder } from './onnx-graph.ts';
import {
  dimAsFloat, exp, gemm, greater, logSoftmax, matMul, mul, neg, reciprocal, reduceSum, relu, sub, tanh, where,
} from './onnx-ops.ts';

/** Value names of one MLP's parameters inside a graph, layer by layer (spec order: W then b). */
export interface ParamValues {
  readonly weights: readonly string[];
  readonly biases: readonly string[];
}

export interface ForwardValues {
  /** Pre-activation of each hidden layer. */
  readonly pre: readonly string[];
  /** Post-activation of each hidden layer. */
  readonly post: readonly string[];
  /** Output layer values (no activation). */
  readonly logits: string;
}

/** `h = act(W x + b)` per hidden layer, then `f = W_out h + b_out` (spec §1.4). W is (fanOut × fanIn): Gemm transB. */
export function mlpForward(g: GraphBuilder, shape: MlpShape, p: ParamValues, x: string): ForwardValues {
  const pre: string[] = [];
  const post: string[] = [];
  let h = x;
  const layers = p.weights.length;
  for (let l = 0; l < layers; l++) {
    const z = gemm(g, h, p.weights[l]!, p.biases[l]!, { transB: true });
    if (l === layers - 1) return { pre, post, logits: z };
    pre.push(z);
    h = shape.activation === 'relu' ? relu(g, z) : tanh(g, z);
    post.push(h);
  }
  throw new Error('an MLP needs at least one layer');
}

/**
 * Mean softmax cross-entropy of `logits` against one-hot `y`, and its gradient `(softmax − y) · scale / B`. B is read
 * from `y`'s shape at run time, so one graph serves every batch size (an epoch's short last batch included). A
 * `scale` (the SGD step's lr) multiplies the B × K logit gradient instead of all P parameter gradients: one
 * elementwise pass over the parameters less per step.
 */
export function softmaxCrossEntropy(
  g: GraphBuilder, logits: string, y: string, scale: string | null = null,
): { loss: string; dLogits: string } {
  const invB = reciprocal(g, dimAsFloat(g, y, 0));
  const logP = logSoftmax(g, logits, -1);
  const loss = neg(g, mul(g, reduceSum(g, mul(g, y, logP), null), invB));
  const dLogits = mul(g, sub(g, exp(g, logP), y), scale === null ? invB : mul(g, invB, scale));
  return { loss, dLogits };
}

/** Hand-derived backward pass: the gradient of the loss w.r.t. every parameter, given dLoss/dLogits. */
export function mlpBackward(
  g: GraphBuilder, shape: MlpShape, p: ParamValues, x: string, fwd: ForwardValues, dLogits: string,
): ParamValues {
  const layers = p.weights.length;
  const gW: string[] = new Array<string>(layers);
  const gB: string[] = new Array<string>(layers);
  let dz = dLogits;
  for (let l = layers - 1; l >= 0; l--) {
    const input = l === 0 ? x : fwd.post[l - 1]!;
    gW[l] = gemm(g, dz, input, null, { transA: true }); // dW = dZᵀ · H  (fanOut × fanIn)
    gB[l] = reduceSum(g, dz, [0]);
    if (l === 0) break;
    const dh = matMul(g, dz, p.weights[l]!);
    dz = activationBackward(g, shape, fwd.pre[l - 1]!, fwd.post[l - 1]!, dh);
  }
  return { weights: gW, biases: gB };
}

/** dL/dz from dL/dh: ReLU passes where z > 0 (ReLU'(0) = 0, spec §1.3); tanh multiplies by 1 − h². */
function activationBackward(g: GraphBuilder, shape: MlpShape, z: string, h: string, dh: string): string {
  if (shape.activation === 'relu') return where(g, greater(g, z, g.constFloat([0])), dh, g.constFloat([0]));
  return mul(g, dh, sub(g, g.constFloat([1]), mul(g, h, h)));
}

/** Plain SGD `θ ← θ − step`, where `step` already holds lr·g (see `sgdStep`). */
export function sgdUpdate(g: GraphBuilder, p: ParamValues, step: ParamValues): ParamValues {
  return {
    weights: p.weights.map((w, l) => sub(g, w, step.weights[l]!)),
    biases: p.biases.map((b, l) => sub(g, b, step.biases[l]!)),
  };
}

/**
 * One training step on (x, y): forward, loss, backward, update `θ ← θ − lr·g`. The backward pass starts from
 * lr·dL/dlogits, so it yields lr·g directly (backprop is linear in its seed). Returns the new params and the loss.
 */
export function sgdStep(
  g: GraphBuilder, shape: MlpShape, p: ParamValues, x: string, y: string, lr: string,
): { next: ParamValues; loss: string } {
  const fwd = mlpForward(g, shape, p, x);
  const { loss, dLogits } = softmaxCrossEntropy(g, fwd.logits, y, lr);
  const scaledGrad = mlpBackward(g, shape, p, x, fwd, dLogits);
  return { next: sgdUpdate(g, p, scaledGrad), loss };
}
