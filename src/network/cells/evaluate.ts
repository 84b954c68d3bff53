import type { OpGraph, OpName, OpNode, WeightName } from './op-graph';

/** A cell's weights as plain arrays, in tfjs's layout (gate blocks side by side along columns). */
export interface CellWeights {
  readonly kernel: readonly (readonly number[])[];
  readonly recurrent_kernel: readonly (readonly number[])[];
  readonly bias?: readonly number[];
}

type Vector = readonly number[];

const UNARY: Partial<Record<OpName, (v: number) => number>> = {
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  // tfjs's K.hardSigmoid: clip(0.2·x + 0.5, 0, 1).
  'hard-sigmoid': (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5)),
  tanh: Math.tanh,
  'one-minus': (v) => 1 - v,
};

/** operand · matrix[:, from:to]: a row vector times a block of columns. */
function times(operand: Vector, matrix: readonly (readonly number[])[], [from, to]: readonly [number, number]): number[] {
  const out = new Array<number>(to - from).fill(0);
  operand.forEach((v, i) => {
    const row = matrix[i]!;
    for (let j = from; j < to; j++) out[j - from]! += v * row[j]!;
  });
  return out;
}

function apply(node: OpNode, operands: readonly Vector[], weights: CellWeights): number[] {
  const unary = UNARY[node.op];
  if (unary) return operands[0]!.map(unary);
  switch (node.op) {
    case 'mul':
      return operands[0]!.map((v, j) => v * operands[1]![j]!);
    case 'add':
      return operands[0]!.map((v, j) => v + operands[1]![j]!);
    case 'matmul': {
      const blocks = node.blocks ?? [];
      const sum = blocks
        .map((b, k) => times(operands[k]!, weights[b.matrix satisfies WeightName], b.columns))
        .reduce((a, b) => a.map((v, j) => v + b[j]!));
      if (!node.bias) return sum;
      if (!weights.bias) throw new Error(`op graph node "${node.id}": expected a bias, but the cell has none`);
      return sum.map((v, j) => v + weights.bias![node.bias![0] + j]!);
    }
    default:
      throw new Error(`op graph node "${node.id}": unknown op "${node.op}"`);
  }
}

/**
 * One step: every node's value, from the input terminals' values (x, and each state). Nodes run in
 * the graph's order, each reading only values already computed, so the order is checked too.
 */
export function evaluateStep(graph: OpGraph, weights: CellWeights, terminals: ReadonlyMap<string, Vector>): Map<string, number[]> {
  const values = new Map<string, number[]>([...terminals].map(([id, v]) => [id, [...v]]));
  for (const input of graph.inputs) if (!values.has(input.id)) throw new Error(`op graph (${graph.cell}): missing value for input "${input.id}"`);
  for (const node of graph.nodes) {
    const operands = node.inputs.map((id) => {
      const v = values.get(id);
      if (!v) throw new Error(`op graph (${graph.cell}): node "${node.id}" reads "${id}" before it is computed`);
      return v;
    });
    values.set(node.id, apply(node, operands, weights));
  }
  for (const out of graph.outputs) values.set(out.id, values.get(out.from)!);
  return values;
}

/**
 * Runs the cell over a sequence from zero states, as a tfjs recurrent layer does; returns the
 * output h_t of every step and the states after the last one (by role: h, c). `onStep` sees every
 * value of each step (a living internals view shows them: src/live/gates.ts).
 */
export function runSequence(
  graph: OpGraph,
  weights: CellWeights,
  xs: readonly Vector[],
  onStep?: (values: ReadonlyMap<string, readonly number[]>) => void,
): { outputs: number[][]; states: Map<string, number[]> } {
  let states = new Map<string, number[]>(graph.inputs.filter((i) => i.role !== 'x').map((i) => [i.role, new Array<number>(graph.units).fill(0)]));
  const outputs: number[][] = [];
  for (const x of xs) {
    const terminals = new Map(graph.inputs.map((i) => [i.id, i.role === 'x' ? x : states.get(i.role)!]));
    const values = evaluateStep(graph, weights, terminals);
    onStep?.(values);
    outputs.push(values.get(graph.outputs.find((o) => o.role === 'output')!.id)!);
    states = new Map(graph.outputs.filter((o) => o.role !== 'output').map((o) => [o.role, values.get(o.id)!]));
  }
  return { outputs, states };
}
