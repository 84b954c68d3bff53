import type { RestrictedBoltzmann } from '../../network/layers/restricted-boltzmann';
import type { LayerTracer } from './types';
import { rewritten } from '../weight-source';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * RestrictedBoltzmann (src/network/layers/restricted-boltzmann.ts): `kernel[i][j]` joins visible unit
 * i to hidden unit j, one connection per nonzero entry, and nothing joins two units of one group. The
 * upward pass reads W and the downward pass Wᵀ, the same numbers, so each pair gets ONE connection.
 * Where generation alternates between the two groups (`gibbs`: an RBM, a deep belief net's top two
 * layers) the weight is drawn undirected; where generation passes down once through the tied
 * transpose (`top-down`: a deep belief net's lower layers) it is drawn in the direction the network's
 * forward pass runs it, recognition, upwards. Visible units that are the network's data input are
 * backfed: generation writes them back.
 */
export const traceRestrictedBoltzmann: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'kernel');
  const { generation } = layer as RestrictedBoltzmann;
  const directed = generation !== 'gibbs';
  const connections = connectionsOf(kernel, source.id, self, 'dense').map((c) => rewritten(c, { directed }));
  const readsData = layer.inboundNodes[0]?.inboundLayers.every((l) => l.getClassName() === 'InputLayer') ?? false;
  return {
    kind: 'cells',
    size: kernel.rows[0]?.length ?? 0,
    cellType: 'probabilistic-hidden',
    notes: [directed ? 'down = Wᵀ, tied' : 'symmetric W'],
    connections,
    ...(readsData ? { inboundCellType: 'backfed-input' as const } : {}),
  };
};
