import type * as tf from '@tensorflow/tfjs';
import { cellId, type Connection, type ConnectionKind } from '../types';

export interface WeightMatrix {
  readonly rows: readonly (readonly number[])[];
  readonly trainable: boolean;
}

/** The layer's weight named `<layer>/<suffix>` (e.g. "kernel", "recurrent_kernel") as a 2-D array. */
export function weightMatrix(layer: tf.layers.Layer, suffix: string): WeightMatrix {
  const variable = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (!variable) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): missing weight "${suffix}"`);
  const values = variable.read().arraySync();
  if (!Array.isArray(values) || !values.every(Array.isArray))
    throw new Error(`layer "${layer.name}": expected weight "${suffix}" to be a matrix, but got shape [${variable.shape.join(', ')}]`);
  return { rows: values as number[][], trainable: layer.trainable && variable.trainable };
}

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
      if (w !== 0 || options.everyEntry) connections.push({ from: cellId(from, i), to: cellId(to, j), kind, trainable: matrix.trainable, directed: true });
    }),
  );
  return connections;
}

export function onlyInbound<T>(inbound: readonly T[], layer: tf.layers.Layer): T {
  if (inbound.length !== 1 || inbound[0] === undefined)
    throw new Error(`layer "${layer.name}" (${layer.getClassName()}): expected exactly one input, but got ${inbound.length}`);
  return inbound[0];
}
