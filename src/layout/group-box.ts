import type { DiagramEdge, DiagramGroup } from '../views/types';
import { loopRoom } from './geometry';
import { METRICS, textWidth } from './metrics';
import type { Point } from './types';

/** A group's size and where its cells sit inside it, before the group itself is placed. */
export interface GroupFrame {
  readonly width: number;
  readonly height: number;
  /** Cell centres relative to the group's top-left corner, in member order. */
  readonly cells: readonly Point[];
}

const { cellRadius: r, cellPitch, groupPadding, labelSize, captionSize, lineGap } = METRICS;

export const headerHeight = (group: DiagramGroup): number =>
  labelSize + lineGap + group.caption.length * (captionSize + lineGap);

/** Spans (in cells) of the time-delayed edges inside a group, split by the side they are drawn on. */
function loopSpans(group: DiagramGroup, edges: readonly DiagramEdge[]): { left: number[]; right: number[] } {
  const position = new Map(group.members.map((id, i) => [id, i]));
  const left: number[] = [];
  const right: number[] = [];
  for (const e of edges) {
    const from = position.get(e.from);
    const to = position.get(e.to);
    if (e.kind !== 'recurrent' || e.bundle || from === undefined || to === undefined) continue;
    (to >= from ? right : left).push(Math.abs(to - from));
  }
  return { left, right };
}

/** Sizes a group so its label, captions, cells and in-group loops all fit without overlap. */
export function frameGroup(group: DiagramGroup, edges: readonly DiagramEdge[]): GroupFrame {
  const n = group.members.length;
  const along = (n - 1) * cellPitch + 2 * r;
  const cellsWidth = group.orientation === 'column' ? 2 * r : along;
  const cellsHeight = group.orientation === 'column' ? along : 2 * r;
  const spans = loopSpans(group, edges);
  const left = loopRoom(spans.left);
  const right = loopRoom(spans.right);
  const textW = Math.max(textWidth(group.label, labelSize, 'bold'), ...group.caption.map((c) => textWidth(c, captionSize)));
  const innerW = Math.max(cellsWidth + left + right, textW);
  const width = innerW + 2 * groupPadding;
  const top = groupPadding + headerHeight(group) + lineGap;
  const height = top + cellsHeight + groupPadding;
  // Centre the cell column in the box, then shift it by the difference of the loop rooms.
  const x0 = groupPadding + (innerW - (cellsWidth + left + right)) / 2 + left;
  const cells = group.members.map((_, i) =>
    group.orientation === 'column' ? { x: x0 + r, y: top + r + i * cellPitch } : { x: x0 + r + i * cellPitch, y: top + r },
  );
  return { width, height, cells };
}
