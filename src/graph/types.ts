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
 * How one cell's value depends on another's. The first five kinds are weights of the model (each
 * connection stands for one parameter, or a block of them); the rest are dependencies without a
 * weight, which the network computes all the same: leaving them out would draw a network that
 * cannot compute what it does. `recurrent` and `carry` are one step apart in time: from t−1 to t,
 * or, with `delay: -1` on the connection, from t+1 to t (the backward chain of a bidirectional layer).
 */
export const CONNECTION_KINDS = [
  'dense',
  'complete',
  'local',
  'sparse',
  'recurrent',
  'residual',
  'pool',
  'normalise',
  'attention',
  'carry',
  'coefficient',
  'sample',
  'data',
  'copy',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * Kinds with no weight behind them: an identity skip (`residual`: added as it is), a pooling window's
 * read (`pool`: max or mean), a normalisation's read of its position (`normalise`: a layer norm's cell k
 * reads every cell j of its position through their mean μ and spread σ), a read of a stored sequence (`attention`: added, or scaled by α), a
 * state carried to the next step unweighted (`carry`: an LSTM's c_{t−1} → c_t through f_t, a GRU's
 * (1 − z) ⊙ h_{t−1}), a value computed for each input that scales other connections (`coefficient`:
 * attention's α into the context), a draw from a distribution whose parameters the network computed
 * (`sample`: μ_i, log σ²_i → z_i), and real data entering where the network's own values do (`data`:
 * a GAN's real samples into its discriminator), and a weight copied from another cell's weights (`copy`:
 * a DQN's target network, whose weights into cell k are, from one copy to the next, the online network's
 * weights into its cell k; unlike the others it joins the cells whose incoming weights it copies, not a
 * value to the value it feeds, and tests/zoo/dependencies.test.ts checks it by copying). Such a
 * connection has no `trainable` flag: there is nothing to train.
 */
export const WEIGHTLESS_KINDS: ReadonlySet<ConnectionKind> = new Set(['residual', 'pool', 'normalise', 'attention', 'carry', 'coefficient', 'sample', 'data', 'copy']);

/** Kinds that join a cell at one step to a cell at the next (or, with delay −1, the previous). */
export const DELAYED_KINDS: ReadonlySet<ConnectionKind> = new Set(['recurrent', 'carry']);

/** Whether a connection is a weight of the model (true) or a weightless dependency (false). */
export const isWeight = (c: Pick<Connection, 'kind'>): boolean => !WEIGHTLESS_KINDS.has(c.kind);

/** Whether a connection reaches across time (t−1 → t, or t+1 → t). */
export const isDelayed = (c: Pick<Connection, 'kind'>): boolean => DELAYED_KINDS.has(c.kind);

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

/** One dependency of the running network: cell `to`'s value depends directly on cell `from`'s. */
export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly kind: ConnectionKind;
  /**
   * Weights only (present exactly when the kind is not in WEIGHTLESS_KINDS): false for weights the
   * training procedure never changes (ESN reservoir, ELM input weights).
   */
  readonly trainable?: boolean;
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
   * Names the coefficient, computed afresh for each input, that multiplies what this connection
   * carries (a capsule network's routing coefficient `c_ij` on W_ij): the line is a weight, and its
   * effect is also scaled by a value no training sets.
   */
  readonly scaledBy?: string;
  /**
   * Delayed connections only (recurrent, carry): which neighbouring step the source state comes from. Absent means
   * 1, the usual delay (state at t−1 feeds t); −1 means the source is the state at t+1, as in a
   * chain that reads the sequence from its end to its start (the backward half of a bidirectional
   * layer). The direction of time is part of what a weight is, so it is carried, not inferred.
   */
  readonly delay?: -1;
  /**
   * Attention reads only: the read reaches positions at or before its target's, never a later one
   * (a causally masked self-attention, as in a Transformer's decoder). Absent: every position.
   */
  readonly causal?: true;
}

/** The step offset a connection reaches across: 0 within a step, 1 (t−1 → t) or −1 (t+1 → t) for a recurrent one. */
export const stepOffset = (c: Pick<Connection, 'kind' | 'delay'>): -1 | 0 | 1 => (!isDelayed(c) ? 0 : c.delay === -1 ? -1 : 1);

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
