import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/** Dense: kernel[i][j] ≠ 0 connects input cell i to unit j. A kernel with structural zeros stays sparse. */
export const traceDense: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'kernel');
  const nonzero = kernel.rows.flat().filter((w) => w !== 0).length;
  const kind = nonzero === source.size * (kernel.rows[0]?.length ?? 0) ? 'dense' : 'sparse';
  return {
    kind: 'cells',
    size: kernel.rows[0]?.length ?? 0,
    cellType: 'hidden',
    connections: connectionsOf(kernel, source.id, self, kind),
  };
};
