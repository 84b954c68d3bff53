import { affine, type GateActivation } from './gate-blocks';
import type { OpGraph } from './op-graph';

/**
 * tfjs's LSTMCell (layers/recurrent.js), gate order i, f, c, o in kernel, recurrent_kernel and bias:
 *   i = σ(W_i x + U_i h + b_i)   f = σ(W_f x + U_f h + b_f)   c̃ = tanh(W_c x + U_c h + b_c)
 *   o = σ(W_o x + U_o h + b_o)   c_t = f ⊙ c_{t−1} + i ⊙ c̃     h_t = o ⊙ tanh(c_t)
 */
export function lstmOpGraph(options: { units: number; inputSize: number; gateActivation: GateActivation; useBias: boolean }): OpGraph {
  const { units, gateActivation: sigma, useBias } = options;
  const gate = (k: number, name: 'input' | 'forget' | 'output', letter: string) => [
    affine({ id: `${name}-matmul`, gate: name, k, units, recurrentOperand: 'h-prev', symbol: `W_${letter} x_t + U_${letter} h_{t−1} + b_${letter}`, useBias }),
    { id: `${name}-gate`, op: sigma, gate: name, inputs: [`${name}-matmul`], symbol: `${letter}_t` },
  ];
  return {
    cell: 'lstm',
    units,
    inputSize: options.inputSize,
    inputs: [
      { id: 'x', role: 'x', symbol: 'x_t' },
      { id: 'h-prev', role: 'h', symbol: 'h_{t−1}' },
      { id: 'c-prev', role: 'c', symbol: 'c_{t−1}' },
    ],
    nodes: [
      ...gate(0, 'input', 'i'),
      ...gate(1, 'forget', 'f'),
      affine({ id: 'candidate-matmul', gate: 'candidate', k: 2, units, recurrentOperand: 'h-prev', symbol: 'W_c x_t + U_c h_{t−1} + b_c', useBias }),
      { id: 'candidate', op: 'tanh', gate: 'candidate', inputs: ['candidate-matmul'], symbol: 'c̃_t' },
      ...gate(3, 'output', 'o'),
      { id: 'forget-mul', op: 'mul', gate: 'forget', inputs: ['forget-gate', 'c-prev'], symbol: 'f_t ⊙ c_{t−1}' },
      { id: 'input-mul', op: 'mul', gate: 'input', inputs: ['input-gate', 'candidate'], symbol: 'i_t ⊙ c̃_t' },
      { id: 'cell-add', op: 'add', inputs: ['forget-mul', 'input-mul'], symbol: 'c_t' },
      { id: 'cell-tanh', op: 'tanh', inputs: ['cell-add'], symbol: 'tanh(c_t)' },
      { id: 'output-mul', op: 'mul', gate: 'output', inputs: ['output-gate', 'cell-tanh'], symbol: 'h_t' },
    ],
    outputs: [
      { id: 'c-next', role: 'c', from: 'cell-add', symbol: 'c_t' },
      { id: 'h-next', role: 'h', from: 'output-mul', symbol: 'h_t' },
      { id: 'h-out', role: 'output', from: 'output-mul', symbol: 'h_t' },
    ],
  };
}
