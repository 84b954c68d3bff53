import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/** How the context's attention reads are scaled: by the attention weights the score computes. */
export const ATTENTION_COEFFICIENT = 'αᵢⱼ';

/**
 * AttentionContext (c_i = Σ_j α_ij h_j): context cell k reads encoder cell k at every source position
 * j, scaled by α_ij. One `attention` connection h.k → c.k per cell, weightless: α_ij is computed for
 * each input, never trained (`scaledBy` names it). Where α comes from is a dependency too: every cell
 * of the attention weights' group (the score) feeds every context cell through a `coefficient`
 * connection, so the score, and the weights that compute it, visibly reach the output.
 */
export const traceAttentionContext: LayerTracer = (layer, inbound, self) => {
  const [weights, memory] = inbound;
  if (inbound.length !== 2 || !weights || !memory)
    throw new Error(`layer "${layer.name}" (AttentionContext): expected two inputs [attention weights, memory], but got ${inbound.length}`);
  const reads: Connection[] = Array.from({ length: memory.size }, (_, k) => ({
    from: cellId(memory.id, k),
    to: cellId(self, k),
    kind: 'attention',
    directed: true,
    scaledBy: ATTENTION_COEFFICIENT,
  }));
  const coefficients: Connection[] = Array.from({ length: weights.size }, (_, s) =>
    Array.from({ length: memory.size }, (_, k): Connection => ({ from: cellId(weights.id, s), to: cellId(self, k), kind: 'coefficient', directed: true })),
  ).flat();
  return { kind: 'cells', size: memory.size, cellType: 'hidden', notes: ['cᵢ = Σⱼ αᵢⱼ hⱼ'], connections: [...reads, ...coefficients] };
};
