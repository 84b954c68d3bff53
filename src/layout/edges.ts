import type { DiagramEdge } from '../views/types';
import { createBadgePlacer } from './badges';
import { backArc, boxToBoxPath, pointOnCubic, selfLoop, straightPath, type Loop } from './geometry';
import { METRICS, badgeBoxWidth } from './metrics';
import type { Box, Point, PositionedEdge, PositionedGroup, PositionedNode } from './types';

interface Drawn {
  readonly edge: DiagramEdge;
  readonly path: string;
  /** The path's middle vertex: where a fixed-weight marker is drawn. */
  readonly middle: Point;
  readonly loop?: Loop;
  readonly bundleText?: string;
}

const markerBox = (p: Point): Box => ({ x: p.x - 6, y: p.y - 6, width: 12, height: 12 });

/**
 * Chooses each edge's drawing: a time-delayed edge inside one column becomes a back-arc or a
 * self-loop (never a plain forward line), a bundle joins two group boxes, everything else is a
 * straight line between cells as in the Zoo. Then the "t−1" badges are placed where they cover
 * no cell and no fixed-weight marker.
 */
export function placeEdges(
  edges: readonly DiagramEdge[],
  nodes: ReadonlyMap<string, PositionedNode>,
  groups: ReadonlyMap<string, PositionedGroup>,
  groupList: readonly PositionedGroup[],
): PositionedEdge[] {
  const memberIndex = new Map(groupList.flatMap((g) => g.members.map((id, i) => [id, i] as const)));
  const r = METRICS.cellRadius;
  /** Cells a group stands for: its drawn cells plus those its ellipsis stands for. */
  const cellCount = (group: PositionedGroup) =>
    group.members.reduce((n, id) => {
      const elided = nodes.get(id)?.elided;
      return n + (elided ? elided.last - elided.first + 1 : 1);
    }, 0);

  const drawn: Drawn[] = edges.map((edge) => {
    if (edge.bundle) {
      const from = groups.get(edge.from)!;
      const to = groups.get(edge.to)!;
      const { path, middle } = boxToBoxPath(from.box, to.box);
      return { edge, path, middle, bundleText: `${cellCount(from)}×${cellCount(to)}` };
    }
    const from = nodes.get(edge.from)!;
    const to = nodes.get(edge.to)!;
    if (edge.kind === 'recurrent' && from.group === to.group) {
      const loop = from.id === to.id ? selfLoop(from, r) : backArc(from, to, r, Math.abs(memberIndex.get(to.id)! - memberIndex.get(from.id)!));
      return { edge, path: loop.path, middle: pointOnCubic(loop.curve, 0.5), loop };
    }
    // Between copies of the network (unrolled view) a delayed edge is straight: the steps say t−1 → t.
    return { edge, path: straightPath(from, to, r), middle: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } };
  });

  const placeBadge = createBadgePlacer(
    [...nodes.values()].map((n) => ({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r })),
    drawn.filter((d) => !d.edge.trainable).map((d) => markerBox(d.middle)),
  );
  return drawn.map(({ edge, path, middle, loop, bundleText }): PositionedEdge => {
    if (bundleText)
      // The badge sits beside the line so the fixed-weight marker at its middle stays visible.
      return { ...edge, path, bundleBadge: { at: { x: middle.x + badgeBoxWidth(bundleText) / 2 + 7, y: middle.y }, text: bundleText } };
    return loop ? { ...edge, path, delayBadge: placeBadge(loop) } : { ...edge, path };
  });
}
