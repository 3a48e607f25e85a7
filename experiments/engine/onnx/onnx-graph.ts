import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types we use (TensorProto.DataType numbers). */
export const ElemType = { float: 1, int64: 7, bool: 9 } as const;
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

/** A dimension: a fixed size, or a symbolic name such as `'B'` that ORT binds at run time. */
export type Dim = number | string;

/** An attribute value; numbers are ints unless wrapped in `{ float }`. */
export type AttrValue = number | number[] | { float: number } | Onnx.IGraphProto;

/** Opset and IR version of every model we emit (runtime.md §1.2: opset 17, IR 8; ORT-web 1.30 runs both). */
export const OPSET = 17;
export const IR_VERSION = 8;

function valueInfo(name: string, elemType: ElemType, dims: readonly Dim[]): Onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function attribute(name: string, value: AttrValue): Onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.GRAPH, g: value };
}

/**
 * Builds one ONNX graph node by node. Value names are generated (`<prefix><op>_<n>`), so a subgraph built with its
 * own prefix never shadows a name of its outer graph (ONNX forbids that). The op helpers in onnx-ops.ts each add one
 * node through `node()`; an autodiff pass can later walk the same node list.
 */
export class GraphBuilder {
  readonly #name: string;
  readonly #prefix: string;
  readonly #nodes: Onnx.INodeProto[] = [];
  readonly #inputs: Onnx.IValueInfoProto[] = [];
  readonly #outputs: Onnx.IValueInfoProto[] = [];
  #counter = 0;
  /** Node values exported under another name (see `output`). */
  readonly #renames = new Map<string, string>();

  constructor(name: string, prefix = '') {
    this.#name = name;
    this.#prefix = prefix;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, elemType: ElemType, dims: readonly Dim[]): string {
    this.#inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /**
   * Declares a graph output `name` holding `value`. The node producing `value` is renamed to `name` rather than
   * followed by an Identity: ORT keeps an Identity that feeds a graph output, and in a Loop body that would copy
   * every parameter on every step. An Identity remains only for graph inputs and values already exported.
   */
  output(name: string, value: string, elemType: ElemType, dims: readonly Dim[]): void {
    const isRenamable = value !== name && !this.#renames.has(value) && this.#nodes.some((n) => n.output?.includes(value) === true);
    if (isRenamable) this.#renames.set(value, name);
    else if (value !== name) this.#nodes.push({ opType: 'Identity', input: [value], output: [name], name: `Identity_${name}` });
    this.#outputs.push(valueInfo(name, elemType, dims));
  }

  /** Adds a node with `outputCount` fresh outputs and returns their names. */
  nodeMulti(opType: string, inputs: readonly string[], outputCount: number, attrs: Record<string, AttrValue> = {}): string[] {
    const id = `${this.#prefix}${opType}_${this.#counter++}`;
    const output = Array.from({ length: outputCount }, (_, i) => (outputCount === 1 ? id : `${id}_${i}`));
    const attribute_ = Object.entries(attrs).map(([k, v]) => attribute(k, v));
    this.#nodes.push({ opType, input: [...inputs], output, name: id, attribute: attribute_ });
    return output;
  }

  /** Adds a single-output node and returns its output name. */
  node(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}): string {
    return this.nodeMulti(opType, inputs, 1, attrs)[0]!;
  }

  /** A float32 constant of the given dims (scalar by default). */
  constFloat(values: readonly number[], dims: readonly number[] = []): string {
    return this.#constant({ dataType: ElemType.float, dims: [...dims], floatData: [...values] });
  }

  /** An int64 constant of the given dims (scalar by default). */
  constInt64(values: readonly number[], dims: readonly number[] = []): string {
    return this.#constant({ dataType: ElemType.int64, dims: [...dims], int64Data: [...values] });
  }

  /** A boolean scalar constant. */
  constBool(value: boolean): string {
    return this.#constant({ dataType: ElemType.bool, dims: [], int32Data: [value ? 1 : 0] });
  }

  /** The finished GraphProto (for a model, or as a Loop body attribute). */
  build(): Onnx.IGraphProto {
    const rename = (v: string) => this.#renames.get(v) ?? v;
    const node = this.#nodes.map((n) => ({ ...n, input: (n.input ?? []).map(rename), output: (n.output ?? []).map(rename) }));
    return { name: this.#name, node, input: [...this.#inputs], output: [...this.#outputs] };
  }

  #constant(t: Onnx.ITensorProto): string {
    const { AttributeType } = onnx.AttributeProto;
    const out = `${this.#prefix}Constant_${this.#counter++}`;
    this.#nodes.push({ opType: 'Constant', input: [], output: [out], name: out, attribute: [{ name: 'value', type: AttributeType.TENSOR, t }] });
    return out;
  }
}

/** Serialises `graph` as a ModelProto (opset 17, IR 8) ready for `InferenceSession.create(bytes)`. */
export function encodeModel(graph: Onnx.IGraphProto): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'axiom-web',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Parses ModelProto bytes back (tests and tooling). */
export function decodeModel(bytes: Uint8Array): Onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
