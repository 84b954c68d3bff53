import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { connectionsOf, weightMatrix } from './weights';

/**
 * AdditiveAlignment (a_ij = tanh(W_a s_i + k_j)): W_a[d][u] ≠ 0 connects decoder cell d to alignment
 * unit u (trained). Key unit u of every source position j is added, with weight 1, into alignment
 * unit u: a weightless `attention` connection key.u → alignment.u, one per unit, standing for the read of
 * every source position (the unrolled view draws it from every step to every step).
 */
export const traceAdditiveAlignment: LayerTracer = (layer, inbound, self) => {
  const [queries, keys] = inbound;
  if (inbound.length !== 2 || !queries || !keys)
    throw new Error(`layer "${layer.name}" (AdditiveAlignment): expected two inputs [queries, keys], but got ${inbound.length}`);
  const kernel = weightMatrix(layer, 'W_a');
  const size = kernel.rows[0]?.length ?? 0;
  if (keys.size !== size) throw new Error(`layer "${layer.name}" (AdditiveAlignment): expected ${size} key cells, but got ${keys.size}`);
  const reads: Connection[] = Array.from({ length: size }, (_, u) => ({
    from: cellId(keys.id, u),
    to: cellId(self, u),
    kind: 'attention',
    directed: true,
  }));
  return {
    kind: 'cells',
    size,
    cellType: 'hidden',
    notes: ['aᵢⱼ = tanh(Wₐ sᵢ + kⱼ)', 'for every source position j'],
    connections: [...connectionsOf(kernel, queries.id, self, 'dense'), ...reads],
  };
};
