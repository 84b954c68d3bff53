import type * as tf from '@tensorflow/tfjs';
import type { Connection } from './types';

/**
 * Where a weight connection's parameters live in the running model: entries `indices` (flat,
 * row-major) of `variable`. One index for a scalar weight; a block (`Connection.weights`: an LSTM
 * pair's four gate weights, a capsule's W_ij) lists every entry it stands for, in block order. This
 * is what lets a living diagram (src/live/) show each line's current value, read from the model
 * itself, never recomputed.
 */
export interface WeightSource {
  readonly variable: tf.LayerVariable;
  readonly indices: readonly number[];
}

/**
 * Kept beside the graph, not in it: the graph IR stays plain data (serialisable, compared by value
 * in tests), and a variable belongs to one built model, not to what the network is.
 */
const SOURCES = new WeakMap<Connection, WeightSource>();

/** Records where `connection`'s weight lives and returns the connection (for use in a `push`). */
export function sourced<C extends Connection>(connection: C, source: WeightSource): C {
  SOURCES.set(connection, source);
  return connection;
}

/** The recorded source of a weight connection, if its tracer recorded one. */
export const weightSourceOf = (connection: Connection): WeightSource | undefined => SOURCES.get(connection);

/** A copy of `connection` with `changes`, keeping its weight source (a rewrite, not a new weight). */
export function rewritten<C extends Connection>(connection: C, changes: Partial<Connection>): C {
  const copy = { ...connection, ...changes };
  const source = SOURCES.get(connection);
  if (source) SOURCES.set(copy, source);
  return copy;
}
