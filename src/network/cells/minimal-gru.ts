import { affine } from './gate-blocks';
import type { OpGraph } from './op-graph';

/**
 * The minimal gated unit (Zhou et al. 2016), as MinimalGRUCell (src/network/layers/minimal-gru.ts)
 * stores it: kernel [inputs, 2·units] and recurrent_kernel [units, 2·units] hold the forget block,
 * then the candidate block; the bias the same two slices. One gate does the work of GRU's two:
 *   f = σ(W_f x + U_f h_{t−1} + b_f)   h̃ = tanh(W_h x + U_h (f ⊙ h_{t−1}) + b_h)
 *   h_t = (1 − f) ⊙ h_{t−1} + f ⊙ h̃
 */
export function minimalGruOpGraph(options: { units: number; inputSize: number; useBias: boolean }): OpGraph {
  const { units, useBias } = options;
  return {
    cell: 'minimal-gru',
    units,
    inputSize: options.inputSize,
    inputs: [
      { id: 'x', role: 'x', symbol: 'x_t' },
      { id: 'h-prev', role: 'h', symbol: 'h_{t−1}' },
    ],
    nodes: [
      affine({ id: 'forget-matmul', gate: 'forget', k: 0, units, recurrentOperand: 'h-prev', symbol: 'W_f x_t + U_f h_{t−1} + b_f', useBias }),
      { id: 'forget-gate', op: 'sigmoid', gate: 'forget', inputs: ['forget-matmul'], symbol: 'f_t' },
      { id: 'forget-mul', op: 'mul', gate: 'forget', inputs: ['forget-gate', 'h-prev'], symbol: 'f_t ⊙ h_{t−1}' },
      affine({ id: 'candidate-matmul', gate: 'candidate', k: 1, units, recurrentOperand: 'forget-mul', symbol: 'W_h x_t + U_h (f_t ⊙ h_{t−1}) + b_h', useBias }),
      { id: 'candidate', op: 'tanh', gate: 'candidate', inputs: ['candidate-matmul'], symbol: 'h̃_t' },
      { id: 'forget-one-minus', op: 'one-minus', gate: 'forget', inputs: ['forget-gate'], symbol: '1 − f_t' },
      { id: 'keep-mul', op: 'mul', gate: 'forget', inputs: ['forget-one-minus', 'h-prev'], symbol: '(1 − f_t) ⊙ h_{t−1}' },
      { id: 'take-mul', op: 'mul', gate: 'forget', inputs: ['forget-gate', 'candidate'], symbol: 'f_t ⊙ h̃_t' },
      { id: 'state-add', op: 'add', inputs: ['keep-mul', 'take-mul'], symbol: 'h_t' },
    ],
    outputs: [
      { id: 'h-next', role: 'h', from: 'state-add', symbol: 'h_t' },
      { id: 'h-out', role: 'output', from: 'state-add', symbol: 'h_t' },
    ],
  };
}
