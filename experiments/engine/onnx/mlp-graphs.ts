import type { MlpShape } from '../mlp-engine.ts';
import { layerCount, layerDims } from '../reference/param-shapes.ts';
import type { Dim } from './onnx-graph.ts';
import { ElemType, GraphBuilder, encodeModel } from './onnx-graph.ts';
import type { ParamValues } from './mlp-step.ts';
import { mlpBackward, mlpForward, sgdStep, softmaxCrossEntropy } from './mlp-step.ts';
import { gather, identity, shape as shapeOf } from './onnx-ops.ts';

/** The four graphs an MLP engine runs. */
export const MlpGraphKind = { trainStep: 'train-step', trainLoop: 'train-loop', forward: 'forward', gradient: 'gradient' } as const;
export type MlpGraphKind = (typeof MlpGraphKind)[keyof typeof MlpGraphKind];

/** A serialised model and its I/O names, in the order the engine feeds and reads them. */
export interface MlpGraph {
  readonly kind: MlpGraphKind;
  readonly bytes: Uint8Array;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

/**
 * Parameter input names in spec order (`W0, b0, W1, b1, …`); a train graph's outputs are the same names with
 * `_new` and then `loss` (`losses` for the Loop). The batch dimension is the symbolic `B`; widths are fixed, so one
 * set of graphs serves one shape and every batch size.
 */
export function paramInputNames(shape: MlpShape): string[] {
  return Array.from({ length: layerCount(shape) }, (_, l) => [`W${l}`, `b${l}`]).flat();
}

function paramDims(shape: MlpShape, name: string): number[] {
  const l = Number(name.slice(1).replace(/_new$/, ''));
  const [fanIn, fanOut] = layerDims(shape, l);
  return name.startsWith('W') ? [fanOut, fanIn] : [fanOut];
}

/** Declares the params as inputs of `g` (names prefixed for a subgraph) and returns them as ParamValues. */
function declareParams(g: GraphBuilder, shape: MlpShape, prefix = ''): ParamValues {
  const names = paramInputNames(shape).map((n) => g.input(`${prefix}${n}`, ElemType.float, paramDims(shape, n)));
  return { weights: names.filter((_, i) => i % 2 === 0), biases: names.filter((_, i) => i % 2 === 1) };
}

function interleave(p: ParamValues): string[] {
  return p.weights.flatMap((w, l) => [w, p.biases[l]!]);
}

function ioDims(shape: MlpShape, batch: readonly Dim[]): { x: Dim[]; y: Dim[] } {
  return { x: [...batch, shape.sizes[0]!], y: [...batch, shape.sizes[shape.sizes.length - 1]!] };
}

function finish(kind: MlpGraphKind, g: GraphBuilder, inputNames: string[], outputNames: string[]): MlpGraph {
  return { kind, bytes: encodeModel(g.build()), inputNames, outputNames };
}

/** (a) One SGD step: params, X [B,d], one-hot Y [B,K], scalar lr → new params and the batch-mean loss. */
export function buildTrainStepGraph(shape: MlpShape): MlpGraph {
  const g = new GraphBuilder('mlp_train_step');
  const p = declareParams(g, shape);
  const dims = ioDims(shape, ['B']);
  const x = g.input('X', ElemType.float, dims.x);
  const y = g.input('Y', ElemType.float, dims.y);
  const lr = g.input('lr', ElemType.float, []);
  const { next, loss } = sgdStep(g, shape, p, x, y, lr);
  const outs = paramInputNames(shape).map((n) => `${n}_new`);
  interleave(next).forEach((v, i) => g.output(outs[i]!, v, ElemType.float, paramDims(shape, outs[i]!)));
  g.output('loss', loss, ElemType.float, []);
  return finish(MlpGraphKind.trainStep, g, [...paramInputNames(shape), 'X', 'Y', 'lr'], [...outs, 'loss']);
}

/**
 * (b) K SGD steps in one run (runtime.md §1.3): an ONNX Loop whose body is the step above, params loop-carried so
 * they stay in wasm memory, and step k's batch read as `Gather(Xs, k)` from the outer scope. Inputs params,
 * Xs [K,B,d], Ys [K,B,K], lr; outputs the params after K steps and `losses` [K].
 */
export function buildTrainLoopGraph(shape: MlpShape): MlpGraph {
  const body = new GraphBuilder('mlp_step_body', 'body/');
  const iter = body.input('body/iter', ElemType.int64, []);
  const condIn = body.input('body/cond_in', ElemType.bool, []);
  const carried = declareParams(body, shape, 'body/');
  const x = gather(body, 'Xs', iter, 0);
  const y = gather(body, 'Ys', iter, 0);
  const { next, loss } = sgdStep(body, shape, carried, x, y, 'lr');
  body.output('body/cond_out', identity(body, condIn), ElemType.bool, []);
  const names = paramInputNames(shape);
  interleave(next).forEach((v, i) => body.output(`body/${names[i]!}_new`, v, ElemType.float, paramDims(shape, names[i]!)));
  body.output('body/loss', loss, ElemType.float, []);

  const g = new GraphBuilder('mlp_train_loop');
  const p = declareParams(g, shape);
  const dims = ioDims(shape, ['K', 'B']);
  const xs = g.input('Xs', ElemType.float, dims.x);
  g.input('Ys', ElemType.float, dims.y);
  g.input('lr', ElemType.float, []);
  const tripCount = gather(g, shapeOf(g, xs), g.constInt64([0]));
  const loopOuts = g.nodeMulti('Loop', [tripCount, g.constBool(true), ...interleave(p)], names.length + 1, { body: body.build() });
  const outs = names.map((n) => `${n}_new`);
  outs.forEach((o, i) => g.output(o, loopOuts[i]!, ElemType.float, paramDims(shape, o)));
  g.output('losses', loopOuts[names.length]!, ElemType.float, ['K']);
  return finish(MlpGraphKind.trainLoop, g, [...names, 'Xs', 'Ys', 'lr'], [...outs, 'losses']);
}

/** (c) Forward: params, X [B,d] → hidden post-activations `h0 … h{L−1}` [B,h_l] and `logits` [B,K]. */
export function buildForwardGraph(shape: MlpShape): MlpGraph {
  const g = new GraphBuilder('mlp_forward');
  const p = declareParams(g, shape);
  const x = g.input('X', ElemType.float, ioDims(shape, ['B']).x);
  const fwd = mlpForward(g, shape, p, x);
  const hiddenNames = fwd.post.map((_, l) => `h${l}`);
  fwd.post.forEach((v, l) => g.output(hiddenNames[l]!, v, ElemType.float, ['B', shape.sizes[l + 1]!]));
  g.output('logits', fwd.logits, ElemType.float, ['B', shape.sizes[shape.sizes.length - 1]!]);
  return finish(MlpGraphKind.forward, g, [...paramInputNames(shape), 'X'], [...hiddenNames, 'logits']);
}

/** (d) Gradient of the mean loss over a set: params, X, one-hot Y → `gW0, gb0, …` (param layout) and `loss`. */
export function buildGradientGraph(shape: MlpShape): MlpGraph {
  const g = new GraphBuilder('mlp_gradient');
  const p = declareParams(g, shape);
  const dims = ioDims(shape, ['B']);
  const x = g.input('X', ElemType.float, dims.x);
  const y = g.input('Y', ElemType.float, dims.y);
  const fwd = mlpForward(g, shape, p, x);
  const { loss, dLogits } = softmaxCrossEntropy(g, fwd.logits, y);
  const grad = mlpBackward(g, shape, p, x, fwd, dLogits);
  const outs = paramInputNames(shape).map((n) => `g${n}`);
  interleave(grad).forEach((v, i) => g.output(outs[i]!, v, ElemType.float, paramDims(shape, outs[i]!.slice(1))));
  g.output('loss', loss, ElemType.float, []);
  return finish(MlpGraphKind.gradient, g, [...paramInputNames(shape), 'X', 'Y'], [...outs, 'loss']);
}

/** Builds the graph of `kind` for `shape`. */
export function buildMlpGraph(kind: MlpGraphKind, shape: MlpShape): MlpGraph {
  switch (kind) {
    case MlpGraphKind.trainStep: return buildTrainStepGraph(shape);
    case MlpGraphKind.trainLoop: return buildTrainLoopGraph(shape);
    case MlpGraphKind.forward: return buildForwardGraph(shape);
    case MlpGraphKind.gradient: return buildGradientGraph(shape);
  }
}
