import type { WeightCopyConfig } from '../../network/layers/weight-copy';
import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/**
 * WeightCopy: no cells of its own. The layer it follows holds a copy of layer `of`'s weights, so the
 * weights into that layer's cell k are those into `of`'s cell k: one weightless `copy` connection per
 * cell, of.k → copy.k (the cell whose incoming weights are copied to the cell that receives them).
 */
export const traceWeightCopy: LayerTracer = (layer, inbound) => {
  const copy = onlyInbound(inbound, layer);
  // Read from the config, not instanceof: the CLI may load the layer class from a second module instance.
  const { of } = layer.getConfig() as unknown as WeightCopyConfig;
  const connections: Connection[] = Array.from({ length: copy.size }, (_, k) => ({ from: cellId(of, k), to: cellId(copy.id, k), kind: 'copy', directed: true }));
  return { kind: 'alias', of: copy.id, connections };
};
