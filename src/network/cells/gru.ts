import { affine, type GateActivation } from './gate-blocks';
import type { OpGraph } from './op-graph';

/**
 * tfjs's GRUCell (layers/recurrent.js), gate order z, r, h. tfjs has only the "reset before"
 * variant (resetAfter: true throws): the reset gate scales h_{t−1} before its recurrent block, and
 * the bias is added once, on the input side. The update gate keeps the old state:
 *   z = σ(W_z x + U_z h + b_z)   r = σ(W_r x + U_r h + b_r)   h̃ = tanh(W_h x + U_h (r ⊙ h_{t−1}) + b_h)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃
 */
export function gruOpGraph(options: { units: number; inputSize: number; gateActivation: GateActivation; useBias: boolean }): OpGraph {
  const { units, gateActivation: sigma, useBias } = options;
  return {
    cell: 'gru',
    units,
    inputSize: options.inputSize,
    inputs: [
      { id: 'x', role: 'x', symbol: 'x_t' },
      { id: 'h-prev', role: 'h', symbol: 'h_{t−1}' },
    ],
    nodes: [
      affine({ id: 'update-matmul', gate: 'update', k: 0, units, recurrentOperand: 'h-prev', symbol: 'W_z x_t + U_z h_{t−1} + b_z', useBias }),
      { id: 'update-gate', op: sigma, gate: 'update', inputs: ['update-matmul'], symbol: 'z_t' },
      affine({ id: 'reset-matmul', gate: 'reset', k: 1, units, recurrentOperand: 'h-prev', symbol: 'W_r x_t + U_r h_{t−1} + b_r', useBias }),
      { id: 'reset-gate', op: sigma, gate: 'reset', inputs: ['reset-matmul'], symbol: 'r_t' },
      { id: 'reset-mul', op: 'mul', gate: 'reset', inputs: ['reset-gate', 'h-prev'], symbol: 'r_t ⊙ h_{t−1}' },
      affine({ id: 'candidate-matmul', gate: 'candidate', k: 2, units, recurrentOperand: 'reset-mul', symbol: 'W_h x_t + U_h (r_t ⊙ h_{t−1}) + b_h', useBias }),
      { id: 'candidate', op: 'tanh', gate: 'candidate', inputs: ['candidate-matmul'], symbol: 'h̃_t' },
      { id: 'update-keep', op: 'mul', gate: 'update', inputs: ['update-gate', 'h-prev'], symbol: 'z_t ⊙ h_{t−1}' },
      { id: 'update-one-minus', op: 'one-minus', gate: 'update', inputs: ['update-gate'], symbol: '1 − z_t' },
      { id: 'update-take', op: 'mul', gate: 'update', inputs: ['update-one-minus', 'candidate'], symbol: '(1 − z_t) ⊙ h̃_t' },
      { id: 'state-add', op: 'add', inputs: ['update-keep', 'update-take'], symbol: 'h_t' },
    ],
    outputs: [
      { id: 'h-next', role: 'h', from: 'state-add', symbol: 'h_t' },
      { id: 'h-out', role: 'output', from: 'state-add', symbol: 'h_t' },
    ],
  };
}
