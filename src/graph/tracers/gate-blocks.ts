import { cellId, type Connection, type ConnectionKind } from '../types';
import { sourced } from '../weight-source';
import type { WeightMatrix } from './weights';

/**
 * A gated recurrent layer (LSTM, GRU, a minimal GRU) keeps one weight per gate for every pair of
 * cells: its kernel is `[inputs, gates·units]`, its recurrent kernel `[units, gates·units]`, the gate
 * blocks side by side (column g·units + k is gate g of unit k). One connection per (from j, to k)
 * pair stands for that pair's weight in every gate: a `1 × gates` block. A pair whose gate weights
 * are all zero is no connection.
 */
export function gateConnections(matrix: WeightMatrix, gates: number, from: string, to: string, kind: ConnectionKind, layer: string): Connection[] {
  const columns = matrix.rows[0]?.length ?? 0;
  if (columns % gates !== 0) throw new Error(`layer "${layer}": expected a weight of ${gates} gate blocks side by side, but got ${columns} columns`);
  const units = columns / gates;
  const connections: Connection[] = [];
  matrix.rows.forEach((row, j) => {
    for (let k = 0; k < units; k++) {
      const gateWeights = Array.from({ length: gates }, (_, g) => row[g * units + k]!);
      if (gateWeights.some((w) => w !== 0))
        connections.push(
          sourced(
            { from: cellId(from, j), to: cellId(to, k), kind, trainable: matrix.trainable, directed: true, weights: [1, gates] },
            { variable: matrix.variable, indices: Array.from({ length: gates }, (_, g) => matrix.indexOf(j, g * units + k)) },
          ),
        );
    }
  });
  return connections;
}

/** The units of a gated layer: its recurrent kernel's rows (one per unit). */
export const gatedUnits = (recurrent: WeightMatrix): number => recurrent.rows.length;
