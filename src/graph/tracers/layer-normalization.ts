import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/**
 * LayerNormalization over the last axis (y_k = γ_k (x_k − μ)/σ + β_k, with μ and σ the mean and
 * spread of one position's cells): every cell reads every cell of its position through μ and σ, with
 * no weight in the way (γ and β scale and shift one cell each, and connect no two cells). One
 * weightless `normalise` connection per pair j → k: a read of the position's cells for their mean and spread.
 */
export const traceLayerNormalization: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const connections: Connection[] = Array.from({ length: source.size }, (_, j) =>
    Array.from({ length: source.size }, (_, k): Connection => ({ from: cellId(source.id, j), to: cellId(self, k), kind: 'normalise', directed: true })),
  ).flat();
  return { kind: 'cells', size: source.size, cellType: 'hidden', notes: ['(xₖ − μ)/σ · γₖ + βₖ', 'μ, σ over the position'], connections };
};
