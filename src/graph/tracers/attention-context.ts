import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * AttentionContext (c_i = Σ_j α_ij h_j): context cell k reads encoder cell k at every source position
 * j, weighted by α_ij. One `attention` connection h.k → c.k per cell; its weight α_ij is computed for
 * each input by the score, never trained (`trainable: false`). The attention weights themselves
 * (its first input) are what these connections carry, not connections of their own.
 */
export const traceAttentionContext: LayerTracer = (layer, inbound, self) => {
  const [weights, memory] = inbound;
  if (inbound.length !== 2 || !weights || !memory)
    throw new Error(`layer "${layer.name}" (AttentionContext): expected two inputs [attention weights, memory], but got ${inbound.length}`);
  const connections: Connection[] = Array.from({ length: memory.size }, (_, k) => ({
    from: cellId(memory.id, k),
    to: cellId(self, k),
    kind: 'attention',
    trainable: false,
    directed: true,
  }));
  return { kind: 'cells', size: memory.size, cellType: 'hidden', notes: ['cᵢ = Σⱼ αᵢⱼ hⱼ'], connections };
};
