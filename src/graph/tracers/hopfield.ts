import type { Hopfield } from '../../network/layers/hopfield';
import { cellId, type Connection } from '../types';
import { sourced } from '../weight-source';
import type { LayerTracer } from './types';
import { onlyInbound, weightMatrix } from './weights';

/**
 * Hopfield (src/network/layers/hopfield.ts): its units are its input's cells, fed back — the input
 * sets their starting state and the output is the state they settle in — so it adds no cells and
 * makes those cells backfed-input cells. Its weight variable holds, above the diagonal, the one
 * number wᵢⱼ = wⱼᵢ that joins unit i and unit j: one undirected connection per nonzero entry, none
 * from a unit to itself. The connections are not delayed: an asynchronous update reads the other
 * units as they are at that moment. They are trained (stored by Hebb's rule, not by gradients),
 * `complete` where every pair has a weight, and `sparse` where the stored patterns cancel in some
 * wᵢⱼ = 0, which joins nothing.
 */
export const traceHopfield: LayerTracer = (layer, inbound) => {
  const source = onlyInbound(inbound, layer);
  const n = (layer as Hopfield).units;
  const matrix = weightMatrix(layer, 'weights');
  const { rows, trainable } = matrix;
  const pairs: [number, number][] = [];
  rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (w === 0) return;
      // The layer keeps the diagonal and everything below it at 0 (store); anything there is not a Hopfield network.
      if (j <= i) throw new Error(`layer "${layer.name}": a Hopfield layer holds each pair's weight above the diagonal only, but entry [${i}][${j}] is ${w}`);
      pairs.push([i, j]);
    }),
  );
  const kind = pairs.length === (n * (n - 1)) / 2 ? 'complete' : 'sparse';
  const connections: Connection[] = pairs.map(([i, j]) =>
    sourced({ from: cellId(source.id, i), to: cellId(source.id, j), kind, trainable, directed: false }, { variable: matrix.variable, indices: [matrix.indexOf(i, j)] }),
  );
  return { kind: 'alias', of: source.id, inboundCellType: 'backfed-input', connections };
};
