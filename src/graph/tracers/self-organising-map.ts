import type { SelfOrganisingMap } from '../../network/layers/self-organising-map';
import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * SelfOrganisingMap (src/network/layers/self-organising-map.ts): `prototypes[i][k]` is coordinate i
 * of unit k's prototype, the weight of the connection from input i to unit k. A unit competes by its
 * distance to the input, so every coordinate is a connection, a 0 included. The lattice the units
 * sit on is passed on as the group's arrangement, not as connections: neighbours share no weight.
 */
export const traceSelfOrganisingMap: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const prototypes = weightMatrix(layer, 'prototypes');
  const { rows, columns } = layer as SelfOrganisingMap;
  return {
    kind: 'cells',
    size: prototypes.rows[0]?.length ?? 0,
    cellType: 'hidden',
    notes: ['weights in = prototypes'],
    lattice: { rows, columns },
    connections: connectionsOf(prototypes, source.id, self, 'dense', { everyEntry: true }),
  };
};
