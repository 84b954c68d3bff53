import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * RadialBasis (src/network/layers/radial-basis.ts): `centres[i][j]` is coordinate i of unit j's
 * centre, the weight of the connection from input i to unit j. A Gaussian unit measures the distance
 * to its centre, so every coordinate is a connection, a 0 included: the input still counts. The
 * widths belong to single units, like biases, and connect nothing.
 */
export const traceRadialBasis: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const centres = weightMatrix(layer, 'centres');
  return {
    kind: 'cells',
    size: centres.rows[0]?.length ?? 0,
    cellType: 'hidden',
    notes: ['Gaussian RBF', 'weights in = centres'],
    connections: connectionsOf(centres, source.id, self, 'dense', { everyEntry: true }),
  };
};
