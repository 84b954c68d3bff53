import type * as tf from '@tensorflow/tfjs';
import { cellId, type Connection, type ConnectionKind } from '../types';
import { sourced } from '../weight-source';

export interface WeightMatrix {
  readonly rows: readonly (readonly number[])[];
  readonly trainable: boolean;
  /** The model variable the entries are read from. */
  readonly variable: tf.LayerVariable;
  /** Flat index in `variable` of entry [i][j] of `rows` (a slice or a transpose keeps its entries' places). */
  readonly indexOf: (i: number, j: number) => number;
}

/** The layer's weight named `<layer>/<suffix>` (e.g. "kernel", "recurrent_kernel") as a 2-D array. */
export function weightMatrix(layer: tf.layers.Layer, suffix: string): WeightMatrix {
  const variable = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (!variable) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): missing weight "${suffix}"`);
  const values = variable.read().arraySync();
  if (!Array.isArray(values) || !values.every(Array.isArray))
    throw new Error(`layer "${layer.name}": expected weight "${suffix}" to be a matrix, but got shape [${variable.shape.join(', ')}]`);
  const columns = variable.shape[1] ?? 0;
  return { rows: values as number[][], trainable: layer.trainable && variable.trainable, variable, indexOf: (i, j) => i * columns + j };
}

/** Rows `from` … `to` − 1 of a matrix (a kernel whose rows read two inputs, split by input). */
export const sliceRows = (m: WeightMatrix, from: number, to: number): WeightMatrix => ({
  ...m,
  rows: m.rows.slice(from, to),
  indexOf: (i, j) => m.indexOf(from + i, j),
});

/** The matrix's columns `columns`, in that order. */
export const pickColumns = (m: WeightMatrix, columns: readonly number[]): WeightMatrix => ({
  ...m,
  rows: m.rows.map((row) => columns.map((c) => row[c]!)),
  indexOf: (i, j) => m.indexOf(i, columns[j]!),
});

/** The transpose: entry [i][j] is the matrix's [j][i] (a matrix read the other way, as a tied softmax reads E). */
export const transposed = (m: WeightMatrix): WeightMatrix => ({
  ...m,
  rows: Array.from({ length: m.rows[0]?.length ?? 0 }, (_, j) => m.rows.map((row) => row[j]!)),
  indexOf: (i, j) => m.indexOf(j, i),
});

/**
 * One connection per nonzero weight: a zero weight is no connection, and is not drawn. With
 * `everyEntry`, every entry is one, zero or not: for weights a unit measures a distance to (a
 * centre, a prototype), where a coordinate of 0 still makes the input count.
 */
export function connectionsOf(
  matrix: WeightMatrix,
  from: string,
  to: string,
  kind: ConnectionKind,
  options: { everyEntry?: boolean } = {},
): Connection[] {
  const connections: Connection[] = [];
  matrix.rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (w !== 0 || options.everyEntry)
        connections.push(
          sourced(
            { from: cellId(from, i), to: cellId(to, j), kind, trainable: matrix.trainable, directed: true },
            { variable: matrix.variable, indices: [matrix.indexOf(i, j)] },
          ),
        );
    }),
  );
  return connections;
}

export function onlyInbound<T>(inbound: readonly T[], layer: tf.layers.Layer): T {
  if (inbound.length !== 1 || inbound[0] === undefined)
    throw new Error(`layer "${layer.name}" (${layer.getClassName()}): expected exactly one input, but got ${inbound.length}`);
  return inbound[0];
}
