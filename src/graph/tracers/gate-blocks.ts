import { cellId, type Connection, type ConnectionKind } from '../types';
import type { WeightMatrix } from './weights';

/**
 * Connections of a gated cell, whose weight variables hold one block per gate side by side
 * (tfjs: columns [k·units, (k+1)·units) belong to gate k). Cell i feeds unit j through one weight
 * in each gate's block; those are one connection carrying a 1×n WeightBlock, n = how many of the
 * pair's gate weights are nonzero (all of them, for any trained network). A pair whose gate weights
 * are all zero is no connection.
 */
export function gatedConnections(matrix: WeightMatrix, gates: number, from: string, to: string, kind: ConnectionKind): Connection[] {
  const units = (matrix.rows[0]?.length ?? 0) / gates;
  if (!Number.isInteger(units)) throw new Error(`gated weights of ${to}: expected ${gates} gate blocks, but the matrix has ${matrix.rows[0]?.length} columns`);
  const connections: Connection[] = [];
  matrix.rows.forEach((row, i) => {
    for (let j = 0; j < units; j++) {
      const nonzero = Array.from({ length: gates }, (_, k) => row[k * units + j]!).filter((w) => w !== 0).length;
      if (nonzero > 0) connections.push({ from: cellId(from, i), to: cellId(to, j), kind, trainable: matrix.trainable, directed: true, weights: [1, nonzero] });
    }
  });
  return connections;
}
