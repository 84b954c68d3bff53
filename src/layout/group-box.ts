import { isDelayed } from '../graph/types';
import type { DiagramEdge, DiagramGroup } from '../views/types';
import { wrapLines } from '../views/wrap';
import { loopRoom } from './geometry';
import { METRICS, textWidth } from './metrics';
import type { Point, PositionedText } from './types';

/** A group's size and where its cells and header sit inside it, before the group itself is placed. */
export interface GroupFrame {
  readonly width: number;
  readonly height: number;
  /** Cell centres relative to the group's top-left corner, in member order. */
  readonly cells: readonly Point[];
  /** The label's lines, then the caption's, each centred, relative to the group's top-left corner. */
  readonly header: readonly PositionedText[];
}

const { cellRadius: r, cellPitch, groupPadding, labelSize, captionSize, lineGap } = METRICS;

/** Centre-to-centre distance of the cells of a column with loops: a badge's height more than cellPitch. */
export const LOOPED_PITCH = cellPitch + METRICS.badgeSize + 7;

/** Longest line of a group's bold label, in characters ("discriminator-" / "hidden"). */
const LABEL_CHARS = 14;
/** Longest caption line, in characters, where the group's cells leave less room: about a column of cells. */
export const CAPTION_CHARS = 16;

/** The lines a group's label is drawn on: long layer names break at a hyphen or space. */
export const labelLines = (group: Pick<DiagramGroup, 'label'>): string[] => wrapLines([group.label], LABEL_CHARS);

/**
 * The lines a group's caption is drawn on: as wide as its cells and their loops (a recurrent column's
 * arcs leave room for a line of ~28 characters), and never narrower than CAPTION_CHARS.
 */
export const captionLines = (group: Pick<DiagramGroup, 'caption'>, room: number): string[] =>
  wrapLines(group.caption, Math.max(CAPTION_CHARS, Math.floor(room / textWidth('x', captionSize))));

/** Spans (in cells) of the time-delayed edges inside a group, split by the side they are drawn on. */
function loopSpans(group: DiagramGroup, edges: readonly DiagramEdge[]): { left: number[]; right: number[] } {
  const position = new Map(group.members.map((id, i) => [id, i]));
  const left: number[] = [];
  const right: number[] = [];
  for (const e of edges) {
    const from = position.get(e.from);
    const to = position.get(e.to);
    if (!isDelayed(e) || e.bundle || from === undefined || to === undefined) continue;
    // A carried state loops on the left of its cell, beside the recurrent weights' loop on the right.
    if (e.kind === 'carry' && from === to) left.push(0);
    else (to >= from ? right : left).push(Math.abs(to - from));
  }
  return { left, right };
}

/**
 * Where cell i sits, relative to the first cell's centre, and the extent of all of them. A column
 * with loops between its cells spaces them `pitch` apart (wider than cellPitch): its loops' badges
 * need room between the cells, where the lines into and out of the column leave gaps.
 */
function arrangement(group: DiagramGroup, pitch: number = cellPitch): { offsets: Point[]; width: number; height: number } {
  const n = group.members.length;
  if (group.orientation === 'grid') {
    if (!group.lattice || group.lattice.rows * group.lattice.columns !== n)
      throw new Error(`group "${group.id}": a grid needs a lattice of ${n} cells, but got ${JSON.stringify(group.lattice)}`);
    const { rows, columns } = group.lattice;
    return {
      offsets: group.members.map((_, i) => ({ x: (i % columns) * cellPitch, y: Math.floor(i / columns) * cellPitch })),
      width: (columns - 1) * cellPitch + 2 * r,
      height: (rows - 1) * cellPitch + 2 * r,
    };
  }
  const along = (n - 1) * pitch + 2 * r;
  const column = group.orientation === 'column';
  return {
    offsets: group.members.map((_, i) => (column ? { x: 0, y: i * pitch } : { x: i * pitch, y: 0 })),
    width: column ? 2 * r : along,
    height: column ? along : 2 * r,
  };
}

/** Sizes a group so its label, captions, cells and in-group loops all fit without overlap. */
export function frameGroup(group: DiagramGroup, edges: readonly DiagramEdge[]): GroupFrame {
  const spans = loopSpans(group, edges);
  const looped = spans.left.length + spans.right.length > 0;
  const { offsets, width: cellsWidth, height: cellsHeight } = arrangement(group, looped ? LOOPED_PITCH : cellPitch);
  const left = loopRoom(spans.left);
  const right = loopRoom(spans.right);
  const label = labelLines(group);
  const caption = captionLines(group, cellsWidth + left + right);
  const textW = Math.max(...label.map((l) => textWidth(l, labelSize, 'bold')), ...caption.map((c) => textWidth(c, captionSize)));
  const innerW = Math.max(cellsWidth + left + right, textW);
  const width = innerW + 2 * groupPadding;
  const headerHeight = label.length * (labelSize + lineGap) + caption.length * (captionSize + lineGap);
  const top = groupPadding + headerHeight + lineGap;
  const height = top + cellsHeight + groupPadding;
  // Centre the cells in the box, then shift them by the difference of the loop rooms.
  const x0 = groupPadding + (innerW - (cellsWidth + left + right)) / 2 + left;
  const cells = offsets.map((o) => ({ x: x0 + r + o.x, y: top + r + o.y }));
  // Each line's baseline sits one line height below the last: labels first, then captions.
  let y = groupPadding - lineGap;
  const header = [
    ...label.map((text): PositionedText => ({ text, x: width / 2, y: (y += labelSize + lineGap), role: 'label' })),
    ...caption.map((text): PositionedText => ({ text, x: width / 2, y: (y += captionSize + lineGap), role: 'caption' })),
  ];
  return { width, height, cells, header };
}
