import type { TextRole } from './metrics';
import type { DiagramEdge, DiagramGroup, DiagramNode, DiagramSpec, DiagramStep } from '../views/types';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A line of text, centred on `x`, its baseline at `y`. */
export interface PositionedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly role: TextRole;
}

export interface PositionedNode extends DiagramNode {
  /** Centre and radius of the cell glyph. */
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export interface PositionedGroup extends DiagramGroup {
  readonly box: Box;
  /** The label's lines, then the caption's (wrapped to the box), in diagram coordinates. */
  readonly header: readonly PositionedText[];
}

export interface PositionedStep extends DiagramStep {
  readonly box: Box;
  /** "step t−1" at the top of the step's box. */
  readonly title: PositionedText;
}

export interface PositionedEdge extends DiagramEdge {
  /** SVG path data. Its middle vertex is where the fixed-weight marker sits. */
  readonly path: string;
  /** Where the "t−1" badge of a time-delayed edge goes, if it has one. */
  readonly delayBadge?: Point;
  /** Where a bundle's "m×n" badge goes. */
  readonly bundleBadge?: { readonly at: Point; readonly text: string };
}

/** Everything render needs, in diagram coordinates (origin top-left, y down). */
export interface PositionedDiagram {
  readonly spec: DiagramSpec;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PositionedNode[];
  readonly groups: readonly PositionedGroup[];
  readonly edges: readonly PositionedEdge[];
  readonly steps: readonly PositionedStep[];
  /** Words between the steps of an unrolled network without memory: "nothing carried over". */
  readonly notes: readonly PositionedText[];
}
