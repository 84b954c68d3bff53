import type * as tf from '@tensorflow/tfjs';
import type { CellType, Connection } from '../types';

/** A traced group the current layer reads from. */
export interface InboundGroup {
  readonly id: string;
  readonly size: number;
}

/** A layer that owns cells: a new group, with the weights that feed it. */
export interface CellsTrace {
  readonly kind: 'cells';
  readonly size: number;
  readonly cellType: CellType;
  readonly connections: readonly Connection[];
  /** What this layer makes of the cells it reads, where that changes their type (see AliasTrace). */
  readonly inboundCellType?: CellType;
}

/** A layer with no weights that acts cell by cell (an activation): its cells are its input's cells. */
export interface AliasTrace {
  readonly kind: 'alias';
  readonly of: string;
  /**
   * Set where the layer changes what its inbound cells are, not what they hold: noise added to the
   * input in training makes the input cells noisy-input cells; a layer that samples from a mean and
   * a log-variance makes those cells probabilistic-hidden ones.
   */
  readonly inboundCellType?: CellType;
}

export type LayerTrace = CellsTrace | AliasTrace;

/** Reads one layer class. `self` is the group id the layer's cells will get. */
export type LayerTracer = (layer: tf.layers.Layer, inbound: readonly InboundGroup[], self: string) => LayerTrace;
