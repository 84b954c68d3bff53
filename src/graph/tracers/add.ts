import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * Add, as an identity skip (a residual connection, He et al. 2015): `y = F(x) + x`. The sum lands
 * in the cells of the main path, the input traced last (the skip's source always comes before the
 * branch it skips, which it feeds). Every other input adds its cell i into cell i of the main path:
 * one `residual` connection per cell pair i → i, weightless (an identity is added as it is: no
 * matrix, nothing to train). Inputs of unequal size are no identity and are refused.
 */
export const traceAdd: LayerTracer = (layer, inbound) => {
  if (inbound.length < 2) throw new Error(`layer "${layer.name}" (Add): expected at least two inputs, but got ${inbound.length}`);
  const main = inbound.reduce((a, b) => (b.order > a.order ? b : a));
  const connections: Connection[] = [];
  for (const skip of inbound) {
    if (skip === main) continue;
    if (skip.size !== main.size)
      throw new Error(`layer "${layer.name}" (Add): an identity skip needs equal sizes, but "${skip.id}" has ${skip.size} cells and "${main.id}" ${main.size}`);
    for (let i = 0; i < main.size; i++)
      connections.push({ from: cellId(skip.id, i), to: cellId(main.id, i), kind: 'residual', directed: true });
  }
  return { kind: 'alias', of: main.id, connections };
};
