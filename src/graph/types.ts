/**
 * The graph IR: what a network *is*, read off the built network, before any drawing decision.
 * Every later stage (views, layout, render, tests) consumes this and nothing else.
 */

/** The Neural Network Zoo's cell legend. Order is the legend order. */
export const CELL_TYPES = [
  'input',
  'backfed-input',
  'noisy-input',
  'hidden',
  'probabilistic-hidden',
  'spiking-hidden',
  'capsule',
  'output',
  'match-input-output',
  'recurrent',
  'memory',
  'gated-memory',
  'kernel',
  'convolution-pool',
] as const;
export type CellType = (typeof CELL_TYPES)[number];

/**
 * How two cells are wired. `recurrent` always means "one step apart in time": from t−1 to t, or,
 * with `delay: -1` on the connection, from t+1 to t (the backward chain of a bidirectional layer).
 */
export const CONNECTION_KINDS = [
  'dense',
  'complete',
  'local',
  'sparse',
  'recurrent',
  'residual',
  'attention',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * Cells arranged on a 2-D map, `rows` × `columns`, filled row by row (cell k sits at row
 * ⌊k / columns⌋, column k mod columns). Neighbours on the map are a fact about the arrangement
 * that training uses (a self-organising map's neighbourhood), not a weight: no connection.
 */
export interface Lattice {
  readonly rows: number;
  readonly columns: number;
}

/** A set of cells that play one role: usually one layer of the network. */
export interface Group {
  /** Stable id, the layer's name. */
  readonly id: string;
  /** Human label, e.g. "reservoir". */
  readonly label: string;
  /** tfjs class of the layer the group was read from, e.g. "SimpleRNN". */
  readonly layerClass: string;
  readonly cellType: CellType;
  readonly size: number;
  /** What the cells compute and what weights into them are, where the cell type does not say it. */
  readonly notes?: readonly string[];
  readonly lattice?: Lattice;
}

export interface Cell {
  /** Stable id: `<group>.<index>`. */
  readonly id: string;
  readonly group: string;
  readonly index: number;
  readonly type: CellType;
}

/** One weight of the running network: cell `from` feeds cell `to`. */
export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly kind: ConnectionKind;
  /** False for weights the training procedure never changes (ESN reservoir, ELM input weights). */
  readonly trainable: boolean;
  /** False for symmetric weights (Hopfield, Boltzmann): one weight, both directions. */
  readonly directed: boolean;
  /**
   * Absent for a single scalar weight. A capsule feeds a capsule through a whole matrix (rows × cols
   * weights, e.g. a capsule network's W_ij): one connection per cell pair, carrying that block.
   */
  readonly weights?: WeightBlock;
  /**
   * Names the one parameter this connection uses, where several connections share it (a
   * convolution's kernel tap: `<layer>:<flat index in the kernel>`). Absent where each connection
   * has a weight of its own or no weight at all.
   */
  readonly weight?: string;
  /**
   * Recurrent connections only: which neighbouring step the source state comes from. Absent means
   * 1, the usual delay (state at t−1 feeds t); −1 means the source is the state at t+1, as in a
   * chain that reads the sequence from its end to its start (the backward half of a bidirectional
   * layer). The direction of time is part of what a weight is, so it is carried, not inferred.
   */
  readonly delay?: -1;
}

/** The step offset a connection reaches across: 0 within a step, 1 (t−1 → t) or −1 (t+1 → t) for a recurrent one. */
export const stepOffset = (c: Pick<Connection, 'kind' | 'delay'>): -1 | 0 | 1 => (c.kind !== 'recurrent' ? 0 : c.delay === -1 ? -1 : 1);

/** The shape of a matrix-valued connection: `rows × cols` trained or fixed numbers. */
export type WeightBlock = readonly [rows: number, cols: number];

/** How many numbers a connection stands for: 1, or rows × cols for a matrix-valued one. */
export const weightCount = (c: Pick<Connection, 'weights'>): number => (c.weights ? c.weights[0] * c.weights[1] : 1);

/** Whether two connections stand for weight blocks of the same shape (both scalar, or both rows × cols). */
export const sameWeightBlock = (a: Pick<Connection, 'weights'>, b: Pick<Connection, 'weights'>): boolean =>
  a.weights?.[0] === b.weights?.[0] && a.weights?.[1] === b.weights?.[1];

export interface CellGraph {
  readonly architecture: string;
  readonly groups: readonly Group[];
  readonly cells: readonly Cell[];
  readonly connections: readonly Connection[];
}

export const cellId = (group: string, index: number): string => `${group}.${index}`;
