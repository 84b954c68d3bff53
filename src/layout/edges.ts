import type { DiagramEdge } from '../views/types';
import { createBadgePlacer } from './badges';
import { backArc, boxToBoxPath, pointOnCubic, polylinePath, selfLoop, straightPath, type Loop } from './geometry';
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
 * Where a skip between two cells crosses each column it jumps over: through the gap between that
 * column's cells nearest the straight line (below the cell on a tie), never through a cell. Cells
 * of connected groups line up, so a straight skip would run through the skipped layer's cells.
 */
function skipWaypoints(from: PositionedNode, to: PositionedNode, columns: ReadonlyMap<string, readonly PositionedNode[]>): Point[] {
  const [left, right] = from.x <= to.x ? [from, to] : [to, from];
  const waypoints: Point[] = [];
  for (const [group, cells] of columns) {
    if (group === from.group || group === to.group) continue;
    const x = cells[0]!.x;
    if (!(x > left.x && x < right.x)) continue;
    const y = from.y + ((to.y - from.y) * (x - from.x)) / (to.x - from.x);
    const ys = cells.map((c) => c.y);
    const half = ys.length > 1 ? (ys[1]! - ys[0]!) / 2 : METRICS.cellPitch / 2;
    // A column the line passes above or below is no obstacle.
    if (y < ys[0]! - half || y > ys.at(-1)! + half) continue;
    const gaps = [ys[0]! - half, ...ys.slice(0, -1).map((v, k) => (v + ys[k + 1]!) / 2), ys.at(-1)! + half];
    const off = (g: number) => Math.round(Math.abs(g - y) * 1000);
    const [gap] = [...gaps].sort((a, b) => off(a) - off(b) || b - a);
    waypoints.push({ x, y: gap! });
  }
  return waypoints.sort((a, b) => (from.x <= to.x ? a.x - b.x : b.x - a.x));
}

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
  /** Groups drawn as one column of cells, top to bottom: what a skip has to find its way through. */
  const columns = new Map(
    groupList.filter((g) => g.orientation === 'column').map((g) => [g.id, g.members.map((id) => nodes.get(id)!).sort((a, b) => a.y - b.y)] as const),
  );

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
    // Between copies of the network (unrolled view) a delayed edge is straight (the steps say which way
    // time runs), bent like a skip through the gaps of any column in its way: a bidirectional network's
    // two chains stand side by side in each step, and a straight line would cross the other chain's cells.
    if ((edge.kind === 'residual' || edge.kind === 'recurrent') && from.group !== to.group) {
      const via = skipWaypoints(from, to, columns);
      if (via.length > 0) return { edge, path: polylinePath(from, via, to, r), middle: via[0]! };
    }
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
