import type { DiagramGroup } from '../views/types';
import { captionLines, labelLines } from './group-box';
import { METRICS, textWidth } from './metrics';
import type { Box, Point, PositionedText } from './types';

const { cellRadius: r, cellPitch, groupPadding, labelSize, captionSize, lineGap } = METRICS;

/** How far every chord keeps from the edge of a cell it does not end at (px): clear of the routing's cell clearance. */
export const CHORD_CLEARANCE = 8;
/** Room between the two boxes of a shared ring (px); the circle straddles it. */
const SPLIT = 8;

/** One group's part of a ring: its box, its cells' centres and its header, relative to the ring's top-left corner. */
export interface RingPart {
  readonly box: Box;
  readonly cells: readonly Point[];
  readonly header: readonly PositionedText[];
}

/** A ring of one or two groups: its size, its centre (where lines in and out aim) and each group's part. */
export interface RingFrame {
  readonly width: number;
  readonly height: number;
  readonly centre: Point;
  readonly radius: number;
  readonly parts: ReadonlyMap<string, RingPart>;
}

/**
 * The smallest radius at which cells at `angles` (radians, any order) sit at least cellPitch apart,
 * every chord between two of them passes every other cell by r + CHORD_CLEARANCE, and (with `split`)
 * no cell reaches within `split` px of the vertical through the centre. A chord nearest to a cell
 * joins its two neighbours on the circle, at angles a and b either side of it; it passes the
 * cell's centre at 2R·sin(a/2)·sin(b/2), and any other chord passes farther away.
 */
export function ringRadius(angles: readonly number[], split = 0): number {
  const n = angles.length;
  if (n < 2) return 0;
  const sorted = [...angles].map((a) => ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)).sort((a, b) => a - b);
  const gaps = sorted.map((a, k) => (k + 1 < n ? sorted[k + 1]! - a : sorted[0]! + 2 * Math.PI - a));
  let radius = 0;
  for (let k = 0; k < n; k++) {
    const after = gaps[k]!;
    const before = gaps[(k + n - 1) % n]!;
    radius = Math.max(radius, cellPitch / (2 * Math.sin(after / 2)));
    if (n > 2) radius = Math.max(radius, (r + CHORD_CLEARANCE) / (2 * Math.sin(before / 2) * Math.sin(after / 2)));
    if (split > 0) radius = Math.max(radius, (r + split) / Math.abs(Math.sin(sorted[k]!)));
  }
  return radius;
}

/** Header lines of a group, centred on `x`, from the top edge `top`; and their height. */
function header(group: DiagramGroup, room: number, x: number, top: number): { lines: PositionedText[]; height: number; width: number } {
  const label = labelLines(group);
  const caption = captionLines(group, room);
  let y = top + groupPadding - lineGap;
  const lines = [
    ...label.map((text): PositionedText => ({ text, x, y: (y += labelSize + lineGap), role: 'label' })),
    ...caption.map((text): PositionedText => ({ text, x, y: (y += captionSize + lineGap), role: 'caption' })),
  ];
  const width = Math.max(...label.map((l) => textWidth(l, labelSize, 'bold')), ...caption.map((c) => textWidth(c, captionSize)));
  return { lines, height: label.length * (labelSize + lineGap) + caption.length * (captionSize + lineGap), width };
}

/**
 * Places the cells of one group, or of two, on one circle. One group: cell 0 at the top, the rest
 * clockwise, its header above the circle. Two groups: the first on the left arc and the second on the
 * right, each top to bottom, each with its own box (the left and right halves, `SPLIT` apart) and its
 * header above its arc. The radius is the smallest at which no chord between two cells passes through
 * a third (ringRadius); headers sit above the circle, so no chord crosses them.
 */
export function frameRing(groups: readonly DiagramGroup[]): RingFrame {
  if (groups.length < 1 || groups.length > 2) throw new Error(`a ring holds one group or two, but got ${groups.length}: ${groups.map((g) => g.id).join(', ')}`);
  // Angles clockwise from the top; a cell at angle φ sits at (cx + R sin φ, cy − R cos φ).
  const angles: number[][] =
    groups.length === 1
      ? [groups[0]!.members.map((_, k, all) => (2 * Math.PI * k) / all.length)]
      : [groups[0]!.members.map((_, k, all) => -Math.PI * (k + 0.5) / all.length), groups[1]!.members.map((_, k, all) => Math.PI * (k + 0.5) / all.length)];
  const radius = ringRadius(angles.flat(), groups.length === 2 ? SPLIT / 2 : 0);
  const around = 2 * (radius + r);
  const parts = new Map<string, RingPart>();
  if (groups.length === 1) {
    const group = groups[0]!;
    const measured = header(group, around, 0, 0);
    const width = Math.max(around, measured.width) + 2 * groupPadding;
    const top = groupPadding + measured.height + lineGap;
    const centre = { x: width / 2, y: top + radius + r };
    const height = centre.y + radius + r + groupPadding;
    const cells = angles[0]!.map((a) => ({ x: centre.x + radius * Math.sin(a), y: centre.y - radius * Math.cos(a) }));
    parts.set(group.id, { box: { x: 0, y: 0, width, height }, cells, header: header(group, around, width / 2, 0).lines });
    return { width, height, centre, radius, parts };
  }
  // Two halves of one width, each as wide as its arc or the wider header.
  const half = radius + r;
  const measured = groups.map((g) => header(g, half, 0, 0));
  const inner = Math.max(half, ...measured.map((m) => m.width));
  const boxWidth = inner + 2 * groupPadding;
  const width = 2 * boxWidth + SPLIT;
  const top = groupPadding + Math.max(...measured.map((m) => m.height)) + lineGap;
  const centre = { x: width / 2, y: top + radius + r };
  const height = centre.y + radius + r + groupPadding;
  groups.forEach((group, side) => {
    const x = side === 0 ? 0 : boxWidth + SPLIT;
    const cells = angles[side]!.map((a) => ({ x: centre.x + radius * Math.sin(a), y: centre.y - radius * Math.cos(a) }));
    parts.set(group.id, { box: { x, y: 0, width: boxWidth, height }, cells, header: header(group, half, x + boxWidth / 2, 0).lines });
  });
  return { width, height, centre, radius, parts };
}
