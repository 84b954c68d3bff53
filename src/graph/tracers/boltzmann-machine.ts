import type { BoltzmannMachine } from '../../network/layers/boltzmann-machine';
import { cellId, type Connection } from '../types';
import { sourced } from '../weight-source';
import type { LayerTracer } from './types';
import { onlyInbound, weightMatrix } from './weights';

/**
 * BoltzmannMachine (src/network/layers/boltzmann-machine.ts): one matrix `weights` over all units, the
 * visible units it reads first (indices 0 … visible − 1: the inbound group's cells), then its own
 * hidden units. It keeps each pair's one symmetric weight above the diagonal, so each nonzero entry
 * [i][j], i < j, is one undirected connection, drawn once from the lower index to the higher:
 * visible–visible, visible–hidden and hidden–hidden alike. The visible cells take data in and give samples back out,
 * so they become backfed-input cells.
 */
export const traceBoltzmannMachine: LayerTracer = (layer, inbound, self) => {
  const visible = onlyInbound(inbound, layer);
  const matrix = weightMatrix(layer, 'weights');
  const { rows, trainable } = matrix;
  const { hidden } = layer as BoltzmannMachine;
  const cell = (i: number) => (i < visible.size ? cellId(visible.id, i) : cellId(self, i - visible.size));
  const connections: Connection[] = [];
  rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (j > i && w !== 0)
        connections.push(sourced({ from: cell(i), to: cell(j), kind: 'complete', trainable, directed: false }, { variable: matrix.variable, indices: [matrix.indexOf(i, j)] }));
    }),
  );
  return {
    kind: 'cells',
    size: hidden,
    cellType: 'probabilistic-hidden',
    inboundCellType: 'backfed-input',
    notes: ['stochastic binary, temperature T'],
    connections,
  };
};
