import { carryConnections } from './carry';
import { gateConnections, gatedUnits } from './gate-blocks';
import type { LayerTracer } from './types';
import { onlyInbound, weightMatrix } from './weights';

/** tfjs's GRU keeps its three gate blocks in this order: update, reset, candidate state. */
export const GRU_GATES = ['z', 'r', 'h̃'] as const;

/**
 * GRU: input cell j feeds unit k through `kernel[j][g·units + k]` for each of the three gates g, and
 * unit j at t−1 feeds unit k at t through `recurrent_kernel` likewise (the candidate's recurrent
 * weights act on r ⊙ h_{t−1}, still one weight per pair). Each pair is one connection carrying its
 * three gate weights (`weights: [1, 3]`); the recurrent ones are delayed one step. Biases connect no
 * two cells. The cells are gated memory cells: the state itself is kept, (1 − z) ⊙ h_{t−1}, with no
 * weight in the way (a `carry` connection per unit), or replaced through z.
 */
export const traceGru: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'kernel');
  const recurrent = weightMatrix(layer, 'recurrent_kernel');
  const gates = GRU_GATES.length;
  return {
    kind: 'cells',
    size: gatedUnits(recurrent),
    cellType: 'gated-memory',
    notes: [`gates ${GRU_GATES.join(', ')}`, `each line: ${gates} gate weights`],
    connections: [
      ...gateConnections(kernel, gates, source.id, self, 'dense', layer.name),
      ...gateConnections(recurrent, gates, self, self, 'recurrent', layer.name),
      ...carryConnections(self, gatedUnits(recurrent)),
    ],
  };
};
