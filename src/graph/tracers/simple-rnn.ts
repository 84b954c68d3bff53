import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * SimpleRNN: `kernel` feeds the input into the units at the same step; `recurrent_kernel[i][j]` feeds
 * unit i at step t−1 into unit j at step t. Only nonzero weights become connections, so an echo-state
 * reservoir (a SimpleRNN with a sparse, frozen recurrent kernel) is traced as exactly its sparse wiring.
 */
export const traceSimpleRnn: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'kernel');
  const recurrent = weightMatrix(layer, 'recurrent_kernel');
  return {
    kind: 'cells',
    size: recurrent.rows.length,
    cellType: 'recurrent',
    connections: [...connectionsOf(kernel, source.id, self, 'dense'), ...connectionsOf(recurrent, self, self, 'recurrent')],
  };
};
