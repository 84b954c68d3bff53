/**
 * A recurrent cell at gate level: a small graph of operations that really executes (evaluate.ts)
 * and that the internals view draws node for node (src/views/internals.ts). One graph describes one
 * step of the whole layer: every value in it is a vector of `units` numbers (x_t of `inputs`).
 */

/** What an operation node computes; its `data-op` in the internals diagram. */
export const OP_NAMES = ['matmul', 'sigmoid', 'hard-sigmoid', 'tanh', 'mul', 'add', 'one-minus'] as const;
export type OpName = (typeof OP_NAMES)[number];

/** The gates and the candidate a node belongs to (its label in the diagram). */
export const GATES = ['forget', 'input', 'output', 'candidate', 'update', 'reset'] as const;
export type Gate = (typeof GATES)[number];

/** The weight variables of a tfjs recurrent cell, by their own names. */
export type WeightName = 'kernel' | 'recurrent_kernel';

/**
 * One block of a `matmul` node: `operand · matrix[:, columns]`, where operand is one of the node's
 * inputs and columns is the gate's slice [from, to) of the weight variable (tfjs stacks the gates'
 * blocks side by side: LSTM i, f, c, o; GRU z, r, h).
 */
export interface WeightSlice {
  readonly operand: string;
  readonly matrix: WeightName;
  readonly columns: readonly [from: number, to: number];
}

export interface OpNode {
  /** Stable id, e.g. `forget-gate`; its `data-node` in the diagram. */
  readonly id: string;
  readonly op: OpName;
  /** Ids of the values it reads (terminals or nodes), in operand order. */
  readonly inputs: readonly string[];
  readonly gate?: Gate;
  /** The symbol of the value it computes, as the article's equations write it (f_t, c̃_t, …). */
  readonly symbol: string;
  /** `matmul` only: its weight blocks, one per input, and its slice of the bias (if the layer has one). */
  readonly blocks?: readonly WeightSlice[];
  readonly bias?: readonly [from: number, to: number];
}

/** A state (c, h) or the input, entering one step of the cell. */
export interface InputTerminal {
  readonly id: string;
  /** `x`: the step's input, drawn from below; `h`/`c`: a state carried in from t−1, drawn from the left. */
  readonly role: 'x' | 'h' | 'c';
  readonly symbol: string;
}

/** A value leaving the step: a state carried on to t+1 (drawn to the right) or the output h_t (drawn upward). */
export interface OutputTerminal {
  readonly id: string;
  readonly role: 'h' | 'c' | 'output';
  readonly from: string;
  readonly symbol: string;
}

export type CellKind = 'lstm' | 'gru' | 'minimal-gru';

export interface OpGraph {
  readonly cell: CellKind;
  readonly units: number;
  readonly inputSize: number;
  readonly inputs: readonly InputTerminal[];
  /** In an order in which every node comes after the values it reads. */
  readonly nodes: readonly OpNode[];
  readonly outputs: readonly OutputTerminal[];
}

/** One data-flow edge: `from` (terminal or node) is an operand of `to` (node or output terminal). */
export interface DataFlow {
  readonly from: string;
  readonly to: string;
}

/** Every data-flow edge of the graph: each node's operands, and each output terminal's source. */
export function dataFlow(graph: OpGraph): DataFlow[] {
  return [...graph.nodes.flatMap((n) => n.inputs.map((from) => ({ from, to: n.id }))), ...graph.outputs.map((o) => ({ from: o.from, to: o.id }))];
}
