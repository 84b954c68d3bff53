import type * as tf from '@tensorflow/tfjs';
import type { AnyArchitecture } from '../architecture/types';
import { nameWithAbbreviation } from '../architecture/names';
import { findGatedLayer, opGraphOfLayer } from '../network/cells/from-layer';
import { dataFlow, type CellKind, type Gate, type OpGraph, type OpName } from '../network/cells/op-graph';

/** One drawn value of the internals view: an operation, or a terminal where a value enters or leaves the step. */
export type OpDiagramNode =
  | { readonly id: string; readonly kind: 'op'; readonly op: OpName; readonly gate?: Gate; readonly symbol: string; readonly label: string }
  | { readonly id: string; readonly kind: 'terminal'; readonly role: 'x' | 'h' | 'c' | 'output'; readonly side: 'in' | 'out'; readonly symbol: string };

/** Data flow: the value computed at `from` is an operand of `to`. `state` marks the c and h lines through time. */
export interface OpDiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly state?: 'h' | 'c';
}

export interface OpDiagramSpec {
  readonly architecture: string;
  readonly view: 'internals';
  readonly title: string;
  readonly description: string;
  /** The layer whose cell is drawn, and which cell it runs. */
  readonly layer: string;
  readonly cell: CellKind;
  readonly units: number;
  readonly nodes: readonly OpDiagramNode[];
  readonly edges: readonly OpDiagramEdge[];
}

const CELL_NAMES: Readonly<Record<CellKind, string>> = { lstm: 'LSTM cell', gru: 'GRU cell', 'minimal-gru': 'minimal gated unit' };

/** A matmul's operand, as its box names it: x, h, or the gated state it reads. */
const OPERAND_NAMES: Readonly<Record<string, string>> = { x: 'x', 'h-prev': 'h', 'reset-mul': '(r⊙h)', 'forget-mul': '(f⊙h)' };

/** The box text of a gate's affine part, e.g. `W_f x + U_f h + b_f`: its two weight blocks and its bias. */
function matmulLabel(graph: OpGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id)!;
  const letter = /^W_(\S+)/.exec(node.symbol)?.[1] ?? '?';
  const terms = (node.blocks ?? []).map((b) => `${b.matrix === 'kernel' ? 'W' : 'U'}_${letter} ${OPERAND_NAMES[b.operand] ?? b.operand}`);
  return [...terms, ...(node.bias ? [`b_${letter}`] : [])].join(' + ');
}

/** Which state line an edge belongs to: it leaves an incoming state, or enters an outgoing one. */
function stateOf(graph: OpGraph, from: string, to: string): 'h' | 'c' | undefined {
  const incoming = graph.inputs.find((i) => i.id === from && i.role !== 'x');
  if (incoming) return incoming.role as 'h' | 'c';
  const outgoing = graph.outputs.find((o) => o.id === to && o.role !== 'output');
  return outgoing ? (outgoing.role as 'h' | 'c') : undefined;
}

/** The drawable form of an op graph: one node per operation and terminal, one edge per data flow. */
export function opDiagram(graph: OpGraph): Pick<OpDiagramSpec, 'nodes' | 'edges'> {
  return {
    nodes: [
      ...graph.inputs.map((i) => ({ id: i.id, kind: 'terminal' as const, role: i.role, side: 'in' as const, symbol: i.symbol })),
      ...graph.nodes.map((n) => ({
        id: n.id,
        kind: 'op' as const,
        op: n.op,
        ...(n.gate ? { gate: n.gate } : {}),
        symbol: n.symbol,
        label: n.op === 'matmul' ? matmulLabel(graph, n.id) : n.symbol,
      })),
      ...graph.outputs.map((o) => ({ id: o.id, kind: 'terminal' as const, role: o.role, side: 'out' as const, symbol: o.symbol })),
    ],
    edges: dataFlow(graph).map(({ from, to }) => {
      const state = stateOf(graph, from, to);
      return { from, to, ...(state ? { state } : {}) };
    }),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(graph: OpGraph, architecture: AnyArchitecture, layer: string): string {
  const count = (op: OpName) => graph.nodes.filter((n) => n.op === op).length;
  const ops = (['matmul', 'sigmoid', 'hard-sigmoid', 'tanh', 'mul', 'add', 'one-minus'] as const)
    .filter((op) => count(op) > 0)
    .map((op) => `${count(op)} ${op}`)
    .join(', ');
  const gates = [...new Set(graph.nodes.flatMap((n) => (n.gate ? [n.gate] : [])))].join(', ');
  const states = graph.inputs.filter((i) => i.role !== 'x').map((i) => i.role);
  return [
    `${architecture.name}, internals view: one time step of the ${CELL_NAMES[graph.cell]} of layer ${layer} (${plural(graph.units, 'unit')}, ${plural(graph.inputSize, 'input')}), drawn from the op graph that computes it.`,
    `Operations: ${ops}; each matmul box is one gate's input and recurrent weight blocks plus its bias.`,
    `Gates: ${gates}.`,
    `The state${states.length > 1 ? 's' : ''} ${states.join(' and ')} enter${states.length > 1 ? '' : 's'} from step t−1 on the left and leave${states.length > 1 ? '' : 's'} for step t+1 on the right; x_t enters from below and h_t leaves upward as the output.`,
  ].join(' ');
}

/**
 * The internals view: the cell of the architecture's first LSTM, GRU or minimal-GRU layer, as the
 * op graph that src/network/cells evaluates (and tests against tfjs's layer). The diagram network
 * is built only to find that layer and read its sizes and activations, then disposed.
 */
export function internalsView(architecture: AnyArchitecture): OpDiagramSpec {
  const model = architecture.build(architecture.configs.diagram);
  try {
    return internalsOf(architecture, model);
  } finally {
    model.dispose();
  }
}

/** The internals view of a built network of `architecture` (its first gated layer's cell). */
export function internalsOf(architecture: AnyArchitecture, model: tf.LayersModel): OpDiagramSpec {
  const found = findGatedLayer(model);
  if (!found) throw new Error(`${architecture.id}: view "internals" needs an LSTM, GRU or minimal-GRU layer, but the model has ${model.layers.map((l) => l.getClassName()).join(', ')}`);
  const graph = opGraphOfLayer(found.layer);
  return {
    architecture: architecture.id,
    view: 'internals',
    title: `${nameWithAbbreviation(architecture)}: inside one ${CELL_NAMES[graph.cell]}`,
    description: describe(graph, architecture, found.name),
    layer: found.name,
    cell: graph.cell,
    units: graph.units,
    ...opDiagram(graph),
  };
}
