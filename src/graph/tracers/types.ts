import type * as tf from '@tensorflow/tfjs';
import type { CellType, Connection, Lattice } from '../types';

/** A traced group the current layer reads from. */
export interface InboundGroup {
  readonly id: string;
  readonly size: number;
  /** Position of the group in trace order: a group always comes after every group that feeds it. */
  readonly order: number;
}

/** A layer that owns cells: a new group, with the weights that feed it. */
export interface CellsTrace {
  readonly kind: 'cells';
  readonly size: number;
  readonly cellType: CellType;
  readonly connections: readonly Connection[];
  /** What this layer makes of the cells it reads, where that changes their type (see AliasTrace). */
  readonly inboundCellType?: CellType;
  /**
   * Short phrases on what the cells compute and what their incoming weights are, where the cell type
   * does not say it, e.g. "Gaussian RBF", "weights in = centres".
   */
  readonly notes?: readonly string[];
  /** The cells form a 2-D lattice, row by row (a self-organising map); the neighbourhood is no weight. */
  readonly lattice?: Lattice;
}

/**
 * A layer whose cells are its input's cells: one with no weights that acts cell by cell (an
 * activation), or a merge that adds other groups into them (an identity skip: `Add`), whose
 * `connections` then say what flows in.
 */
export interface AliasTrace {
  readonly kind: 'alias';
  readonly of: string;
  /**
   * Set where the layer changes what its inbound cells are, not what they hold: noise added to the
   * input in training makes the input cells noisy-input cells; a layer that samples from a mean and
   * a log-variance makes those cells probabilistic-hidden ones.
   */
  readonly inboundCellType?: CellType;
  readonly connections?: readonly Connection[];
}

/** One of the groups a ConcatTrace owns: cells of its own, under their own id and layer class. */
export interface ConcatPart extends CellsTrace {
  /** Group id (unique in the model; for a wrapper, its inner layer's name, e.g. "backward_recurrent"). */
  readonly id: string;
  /** tfjs class the part was read from (the wrapped layer's, e.g. "SimpleRNN"). */
  readonly layerClass: string;
  /** What diagrams call the group, where its id is a layer's name made for code ("forward LSTM" for `forward_lstm`). */
  readonly label?: string;
  /**
   * Computed inside the layer but not part of its output (a Neural Turing Machine's memory and head
   * weightings): a group of its own with no place in the concatenation later layers read.
   */
  readonly internal?: boolean;
}

/**
 * A layer that owns several groups of cells and outputs them side by side: the concatenation of
 * `parts`, in order (a Bidirectional wrapper with mergeMode "concat": its forward chain's cells,
 * then its backward chain's). The concatenation itself owns no cells: a layer that reads it reads
 * cell i of the first part whose cells reach index i, and the trace rewrites the connections it
 * makes onto those real cells. Parts marked `internal` are groups the layer computes within each
 * step but does not output (a DNC cell's memory, usage and weightings, after its output [h; r]).
 */
export interface ConcatTrace {
  readonly kind: 'concat';
  readonly parts: readonly ConcatPart[];
}

export type LayerTrace = CellsTrace | AliasTrace | ConcatTrace;

/** Reads one layer class. `self` is the group id the layer's cells will get. */
export type LayerTracer = (layer: tf.layers.Layer, inbound: readonly InboundGroup[], self: string) => LayerTrace;
