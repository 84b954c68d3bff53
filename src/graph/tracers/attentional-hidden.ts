import type { LayerTracer } from './types';
import { connectionsOf, sliceRows, weightMatrix } from './weights';

/**
 * AttentionalHidden (h̃_t = tanh(W_c [c_t; h_t])): row i of W_c reads context cell i for i < C and
 * decoder cell i − C after it; W_c[i][u] ≠ 0 connects that cell to unit u (trained).
 */
export const traceAttentionalHidden: LayerTracer = (layer, inbound, self) => {
  const [context, state] = inbound;
  if (inbound.length !== 2 || !context || !state)
    throw new Error(`layer "${layer.name}" (AttentionalHidden): expected two inputs [context, decoder state], but got ${inbound.length}`);
  const kernel = weightMatrix(layer, 'W_c');
  if (kernel.rows.length !== context.size + state.size)
    throw new Error(`layer "${layer.name}" (AttentionalHidden): expected ${context.size + state.size} rows of W_c, but got ${kernel.rows.length}`);
  return {
    kind: 'cells',
    size: kernel.rows[0]?.length ?? 0,
    cellType: 'hidden',
    notes: ['h̃ₜ = tanh(W_c [cₜ; hₜ])'],
    connections: [
      ...connectionsOf(sliceRows(kernel, 0, context.size), context.id, self, 'dense'),
      ...connectionsOf(sliceRows(kernel, context.size, kernel.rows.length), state.id, self, 'dense'),
    ],
  };
};
