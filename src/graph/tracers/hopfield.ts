import type { Hopfield } from '../../network/layers/hopfield';
import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/**
 * Hopfield (src/network/layers/hopfield.ts): its units are its input's cells, fed back — the input
 * sets their starting state and the output is the state they settle in — so it adds no cells and
 * makes those cells backfed-input cells. Its weight W joins unit i and unit j by the one number
 * wᵢⱼ = wⱼᵢ: one undirected connection per pair with a nonzero weight, none from a unit to itself.
 * The connections are not delayed: an asynchronous update reads the other units as they are at
 * that moment. They are trained (stored by Hebb's rule; the tfjs variable is not trainable only
 * because no gradient ever sets it), `complete` where every pair has a weight, and `sparse` where
 * the stored patterns cancel in some wᵢⱼ = 0, which joins nothing.
 */
export const traceHopfield: LayerTracer = (layer, inbound) => {
  const source = onlyInbound(inbound, layer);
  const n = (layer as Hopfield).units;
  const w = (layer as Hopfield).weightValues();
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j && w[i * n + j] !== 0) throw new Error(`layer "${layer.name}": a Hopfield unit has no weight to itself, but w[${i}][${i}] = ${w[i * n + j]}`);
      if (w[i * n + j] !== w[j * n + i]) throw new Error(`layer "${layer.name}": Hopfield weights must be symmetric, but w[${i}][${j}] ≠ w[${j}][${i}]`);
    }
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (w[i * n + j] !== 0) pairs.push([i, j]);
  const kind = pairs.length === (n * (n - 1)) / 2 ? 'complete' : 'sparse';
  const connections: Connection[] = pairs.map(([i, j]) => ({ from: cellId(source.id, i), to: cellId(source.id, j), kind, trainable: true, directed: false }));
  return { kind: 'alias', of: source.id, inboundCellType: 'backfed-input', connections };
};
