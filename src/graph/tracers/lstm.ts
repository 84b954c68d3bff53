import { carryConnections } from './carry';
import { gateConnections, gatedUnits } from './gate-blocks';
import type { LayerTracer } from './types';
import { onlyInbound, weightMatrix } from './weights';

/** tfjs's LSTM keeps its four gate blocks in this order: input, forget, candidate cell state, output. */
export const LSTM_GATES = ['i', 'f', 'c̃', 'o'] as const;

/**
 * LSTM: input cell j feeds unit k through `kernel[j][g·units + k]` for each of the four gates g, and
 * unit j at t−1 feeds unit k at t through `recurrent_kernel` likewise. Each pair is one connection
 * carrying its four gate weights (`weights: [1, 4]`); the recurrent ones are delayed one step.
 * Biases connect no two cells. The cells are memory cells: each keeps a cell state c_t, carried to the
 * next step through the forget gate with no weight (a `carry` connection per unit).
 */
export const traceLstm: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'kernel');
  const recurrent = weightMatrix(layer, 'recurrent_kernel');
  const gates = LSTM_GATES.length;
  return {
    kind: 'cells',
    size: gatedUnits(recurrent),
    cellType: 'memory',
    notes: [`gates ${LSTM_GATES.join(', ')}`, `each line: ${gates} gate weights`],
    connections: [
      ...gateConnections(kernel, gates, source.id, self, 'dense', layer.name),
      ...gateConnections(recurrent, gates, self, self, 'recurrent', layer.name),
      ...carryConnections(self, gatedUnits(recurrent)),
    ],
  };
};
