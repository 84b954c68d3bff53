import type { View } from '../architecture/types';
import type { CellType, ConnectionKind, Lattice, WeightBlock } from '../graph/types';

/** The cells of a group an ellipsis stands for: indices `first` to `last`, both included. */
export interface ElidedRange {
  readonly first: number;
  readonly last: number;
}

/**
 * One drawn cell — or, with `elided`, the ellipsis (⋮) that stands for a run of a large group's
 * cells (src/views/elision.ts). In the unrolled view the same cell appears once per step.
 */
export interface DiagramNode {
  readonly id: string;
  readonly cell: string;
  readonly group: string;
  readonly cellType: CellType;
  readonly step?: number;
  readonly elided?: ElidedRange;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  /** Short lines under the label: what the group is and how it is wired, in words. */
  readonly caption: readonly string[];
  readonly cellType: CellType;
  readonly members: readonly string[];
  /**
   * Cells stacked top to bottom (`column`), left to right (`row`), or on the group's lattice
   * (`grid`): `lattice.columns` per row, row by row, with the lattice drawn behind them; or on a
   * circle (`ring`), where a straight line between any two of them passes no other cell.
   */
  readonly orientation: 'column' | 'row' | 'grid' | 'ring';
  /** `ring` only: groups with the same ring id share one circle, each on its own arc (src/views/rings.ts). */
  readonly ring?: string;
  /** The cells' 2-D arrangement, where it means something (a self-organising map); required by `grid`. */
  readonly lattice?: Lattice;
  readonly step?: number;
}

/**
 * One drawn connection. With `bundle`, `from`/`to` are group ids and the edge stands for every pair
 * of their cells (drawn and elided alike) — used only where every such pair really is connected.
 * With `count`, one end or both is an ellipsis and the edge stands for exactly `count` connections
 * of its kind and flags between the cells at its two ends.
 */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly bundle: boolean;
  readonly kind: ConnectionKind;
  /** Weights only: absent on a weightless dependency (see WEIGHTLESS_KINDS). */
  readonly trainable?: boolean;
  readonly directed: boolean;
  /** The per-input coefficient that scales this connection (see Connection.scaledBy). */
  readonly scaledBy?: string;
  /** A matrix-valued connection's block shape (capsule to capsule); absent for one scalar weight. */
  readonly weights?: WeightBlock;
  /** Shared-parameter id (see Connection.weight): equal values are one weight of the model. */
  readonly weight?: string;
  readonly count?: number;
  /** A delayed edge (recurrent, carry) from t+1 to t (see Connection.delay); absent for t−1 → t and for every other kind. */
  readonly delay?: -1;
}

export interface DiagramStep {
  readonly index: number;
  readonly label: string;
}

/** What to draw, before any coordinates: the input of layout. */
export interface DiagramSpec {
  readonly architecture: string;
  readonly view: View;
  readonly title: string;
  readonly description: string;
  readonly nodes: readonly DiagramNode[];
  readonly groups: readonly DiagramGroup[];
  readonly edges: readonly DiagramEdge[];
  /** Unrolled view only: the time steps, left to right. */
  readonly steps?: readonly DiagramStep[];
}
