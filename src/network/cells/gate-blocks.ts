import type { Gate, OpNode, WeightSlice } from './op-graph';

/** The gate nonlinearity a layer uses: tfjs's LSTM and GRU default to the hard sigmoid. */
export type GateActivation = 'sigmoid' | 'hard-sigmoid';

/** Columns [k·units, (k+1)·units): the k-th gate's block in tfjs's side-by-side weight layout. */
export const block = (k: number, units: number): readonly [number, number] => [k * units, (k + 1) * units];

/**
 * A gate's affine part as one `matmul` node: its input block W·x_t plus its recurrent block U·(what
 * it reads of the state) plus its bias slice. `recurrentOperand` is h_{t−1}, or a gated h_{t−1}.
 */
export function affine(options: {
  id: string;
  gate: Gate;
  k: number;
  units: number;
  recurrentOperand: string;
  symbol: string;
  useBias: boolean;
}): OpNode {
  const columns = block(options.k, options.units);
  const blocks: WeightSlice[] = [
    { operand: 'x', matrix: 'kernel', columns },
    { operand: options.recurrentOperand, matrix: 'recurrent_kernel', columns },
  ];
  return {
    id: options.id,
    op: 'matmul',
    gate: options.gate,
    inputs: blocks.map((b) => b.operand),
    symbol: options.symbol,
    blocks,
    ...(options.useBias ? { bias: columns } : {}),
  };
}
