import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * AttentionScore (e_ij = v_aᵀ a_ij, α_ij = softmax over j): one score cell, fed by alignment unit k
 * through v_a[k] (trained). The softmax has no weights; the α it yields scale the attention reads
 * into the context, and reach it as `coefficient` connections (see AttentionContext).
 */
export const traceAttentionScore: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const kernel = weightMatrix(layer, 'v_a');
  return {
    kind: 'cells',
    size: 1,
    cellType: 'hidden',
    notes: ['eᵢⱼ = vₐᵀ aᵢⱼ', 'αᵢⱼ = softmax over j of eᵢⱼ'],
    connections: connectionsOf(kernel, source.id, self, 'dense'),
  };
};
