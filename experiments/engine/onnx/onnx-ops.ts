import type { GraphBuilder } from './onnx-graph.ts';
import { ElemType } from './onnx-graph.ts';

/*
 * One helper per ONNX op (opset 17) over a GraphBuilder; each returns its output's name. Autodiff (issue 4) will pair
 * each helper with its vector-Jacobian product, so keep one op per helper and no hidden fused logic.
 */

/** `a · b` (batched matrix product, numpy semantics). */
export const matMul = (g: GraphBuilder, a: string, b: string): string => g.node('MatMul', [a, b]);

/** `op(a) · op(b) + c` with optional transposes; `c` broadcasts. One MLAS call in ORT. */
export function gemm(g: GraphBuilder, a: string, b: string, c: string | null, opts: { transA?: boolean; transB?: boolean } = {}): string {
  return g.node('Gemm', c === null ? [a, b] : [a, b, c], { transA: opts.transA === true ? 1 : 0, transB: opts.transB === true ? 1 : 0 });
}

export const add = (g: GraphBuilder, a: string, b: string): string => g.node('Add', [a, b]);
export const sub = (g: GraphBuilder, a: string, b: string): string => g.node('Sub', [a, b]);
export const mul = (g: GraphBuilder, a: string, b: string): string => g.node('Mul', [a, b]);
export const neg = (g: GraphBuilder, a: string): string => g.node('Neg', [a]);
export const exp = (g: GraphBuilder, a: string): string => g.node('Exp', [a]);
export const reciprocal = (g: GraphBuilder, a: string): string => g.node('Reciprocal', [a]);
export const relu = (g: GraphBuilder, a: string): string => g.node('Relu', [a]);
export const tanh = (g: GraphBuilder, a: string): string => g.node('Tanh', [a]);
export const greater = (g: GraphBuilder, a: string, b: string): string => g.node('Greater', [a, b]);
export const where = (g: GraphBuilder, cond: string, a: string, b: string): string => g.node('Where', [cond, a, b]);
export const identity = (g: GraphBuilder, a: string): string => g.node('Identity', [a]);

/** Log-softmax along `axis` (ORT subtracts the max: the stable log-sum-exp of spec §1.3). */
export const logSoftmax = (g: GraphBuilder, a: string, axis = -1): string => g.node('LogSoftmax', [a], { axis });

/** Sum over `axes` (all axes when null); opset 13+ takes the axes as an int64 input. */
export function reduceSum(g: GraphBuilder, a: string, axes: readonly number[] | null, keepDims = false): string {
  const inputs = axes === null ? [a] : [a, g.constInt64(axes, [axes.length])];
  return g.node('ReduceSum', inputs, { keepdims: keepDims ? 1 : 0 });
}

/** `data` indexed along `axis` by `indices` (a scalar index drops that axis). */
export const gather = (g: GraphBuilder, data: string, indices: string, axis = 0): string =>
  g.node('Gather', [data, indices], { axis });

/** The int64 shape vector of `a`. */
export const shape = (g: GraphBuilder, a: string): string => g.node('Shape', [a]);

/** Element type conversion. */
export const cast = (g: GraphBuilder, a: string, to: ElemType): string => g.node('Cast', [a], { to });

/** Size of dimension `axis` of `a` as a float32 scalar (e.g. the batch size B, read at run time). */
export function dimAsFloat(g: GraphBuilder, a: string, axis: number): string {
  return cast(g, gather(g, shape(g, a), g.constInt64([axis])), ElemType.float);
}
