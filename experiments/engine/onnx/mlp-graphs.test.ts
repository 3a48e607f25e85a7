import type { onnx as Onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import type { MlpShape } from '../mlp-engine.ts';
import { buildMlpGraph, MlpGraphKind, paramInputNames } from './mlp-graphs.ts';
import { OPSET, decodeModel } from './onnx-graph.ts';

/**
 * Checks what ORT would reject at session creation: every node input is defined before use (by a graph input, an
 * earlier node, or, in a subgraph, the outer scope), no value is defined twice, and every graph output exists.
 */
function checkWellFormed(graph: Onnx.IGraphProto, outer: ReadonlySet<string> = new Set()): void {
  const defined = new Set<string>([...outer, ...(graph.input ?? []).map((i) => i.name!)]);
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? []) {
      if (input !== '') expect(defined.has(input), `${node.name} reads undefined '${input}'`).toBe(true);
    }
    for (const attr of node.attribute ?? []) if (attr.g) checkWellFormed(attr.g, defined);
    for (const output of node.output ?? []) {
      expect(defined.has(output), `'${output}' defined twice`).toBe(false);
      defined.add(output);
    }
  }
  for (const output of graph.output ?? []) expect(defined.has(output.name!), `output '${output.name}' missing`).toBe(true);
}

const shapes: MlpShape[] = [
  { sizes: [20, 8, 8, 5], activation: 'relu' },
  { sizes: [3, 4], activation: 'relu' }, // no hidden layer: a linear softmax classifier
  { sizes: [20, 16, 12, 10, 5], activation: 'tanh' },
];

describe.each(shapes)('MLP graphs for sizes $sizes ($activation)', (shape) => {
  it.each(Object.values(MlpGraphKind))('%s is a well-formed opset-17 model with the declared I/O', (kind) => {
    const graph = buildMlpGraph(kind, shape);
    const model = decodeModel(graph.bytes);
    expect(Number(model.opsetImport[0]?.version)).toBe(OPSET);
    checkWellFormed(model.graph!);
    expect(model.graph!.input!.map((i) => i.name)).toEqual(graph.inputNames);
    expect(model.graph!.output!.map((o) => o.name)).toEqual(graph.outputNames);
    expect(graph.inputNames.slice(0, 2 * (shape.sizes.length - 1))).toEqual(paramInputNames(shape));
  });
});

describe('graph structure', () => {
  const shape: MlpShape = { sizes: [20, 8, 8, 5], activation: 'relu' };

  it('keeps B symbolic and the widths fixed', () => {
    const inputs = decodeModel(buildMlpGraph(MlpGraphKind.trainStep, shape).bytes).graph!.input!;
    const dims = (name: string) => inputs.find((i) => i.name === name)!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(dims('X')).toEqual(['B', 20]);
    expect(dims('W1')).toEqual([8, 8]);
  });

  it('loop-carries the params without Identity copies in the body', () => {
    const loop = decodeModel(buildMlpGraph(MlpGraphKind.trainLoop, shape).bytes).graph!.node!.find((n) => n.opType === 'Loop')!;
    const body = loop.attribute!.find((a) => a.name === 'body')!.g!;
    expect(loop.input!.slice(2)).toEqual(paramInputNames(shape));
    expect(body.node!.filter((n) => n.opType === 'Identity').map((n) => n.output![0])).toEqual(['body/cond_out']);
    expect(body.output!.map((o) => o.name)).toEqual(['body/cond_out', ...paramInputNames(shape).map((n) => `body/${n}_new`), 'body/loss']);
  });

  it('uses a ReLU mask with ReLU\'(0) = 0 (Greater, not GreaterOrEqual) and Tanh for tanh nets', () => {
    const ops = (s: MlpShape) => decodeModel(buildMlpGraph(MlpGraphKind.gradient, s).bytes).graph!.node!.map((n) => n.opType);
    expect(ops(shape)).toContain('Greater');
    expect(ops(shape)).not.toContain('GreaterOrEqual');
    expect(ops({ ...shape, activation: 'tanh' })).toContain('Tanh');
    expect(ops({ ...shape, activation: 'tanh' })).not.toContain('Relu');
  });
});
