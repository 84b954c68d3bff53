import type { DiagramEdge } from '../views/types';
import { createBadgePlacer } from './badges';
import { backArc, boxToBoxPath, selfLoop, straightPath } from './geometry';
import { METRICS } from './metrics';
import type { PositionedEdge, PositionedGroup, PositionedNode } from './types';

/**
 * Chooses each edge's drawing: a time-delayed edge inside one column becomes a back-arc or a
 * self-loop (never a plain forward line), a bundle joins two group boxes, everything else is a
 * straight line between cells as in the Zoo.
 */
export function placeEdges(
  edges: readonly DiagramEdge[],
  nodes: ReadonlyMap<string, PositionedNode>,
  groups: ReadonlyMap<string, PositionedGroup>,
  groupList: readonly PositionedGroup[],
): PositionedEdge[] {
  const memberIndex = new Map(groupList.flatMap((g) => g.members.map((id, i) => [id, i] as const)));
  const placeBadge = createBadgePlacer(
    [...nodes.values()].map((n) => ({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r })),
  );

  return edges.map((edge): PositionedEdge => {
    if (edge.bundle) {
      const from = groups.get(edge.from)!;
      const to = groups.get(edge.to)!;
      const { path, middle } = boxToBoxPath(from.box, to.box);
      // The badge sits beside the line so the fixed-weight marker at its middle stays visible.
      return { ...edge, path, bundleBadge: { at: { x: middle.x + METRICS.badgeWidth / 2 + 6, y: middle.y }, text: `${from.members.length}×${to.members.length}` } };
    }
    const from = nodes.get(edge.from)!;
    const to = nodes.get(edge.to)!;
    const r = METRICS.cellRadius;
    if (edge.kind === 'recurrent' && from.group === to.group) {
      const drawn = from.id === to.id ? selfLoop(from, r) : backArc(from, to, r, Math.abs(memberIndex.get(to.id)! - memberIndex.get(from.id)!));
      return { ...edge, path: drawn.path, delayBadge: placeBadge(drawn) };
    }
    // Between copies of the network (unrolled view) a delayed edge is straight: the steps say t−1 → t.
    return { ...edge, path: straightPath(from, to, r) };
  });
}
