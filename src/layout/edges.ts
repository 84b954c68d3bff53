import type { DiagramEdge } from '../views/types';
import { createBadgePlacer } from './badges';
import { isDelayed } from '../graph/types';
import { backArc, boxToBoxPath, offsetPath, pointOnCubic, polylinePath, selfLoop, straightPath, type Loop } from './geometry';
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

/** How far a carried state's line runs beside the recurrent weight between the same two cells. */
const CARRY_OFFSET = 6;

const markerBox = (p: Point): Box => ({ x: p.x - 6, y: p.y - 6, width: 12, height: 12 });

/** Cells of a group in drawing order along its axis: top to bottom for a column, left to right for a row. */
interface Lane {
  readonly axis: 'column' | 'row';
  readonly cells: readonly PositionedNode[];
}

/**
 * Where a long edge between two cells crosses each lane (a column or a row of cells) in its way:
 * through the gap between that lane's cells nearest the straight line (the later gap on a tie),
 * never through a cell. Cells of connected groups line up, so a straight skip, a delayed edge between
 * steps or an attention read would otherwise run through the cells of groups it has nothing to do with.
 */
function laneWaypoints(from: PositionedNode, to: PositionedNode, lanes: ReadonlyMap<string, Lane>): Point[] {
  const crossings: { t: number; point: Point }[] = [];
  for (const [group, { axis, cells }] of lanes) {
    if (group === from.group || group === to.group) continue;
    // `across` is the coordinate the lane sits at, `along` the one its cells are spread over.
    const [across, along] = axis === 'column' ? (['x', 'y'] as const) : (['y', 'x'] as const);
    const at = cells[0]![across];
    const span = to[across] - from[across];
    if (span === 0) continue;
    const t = (at - from[across]) / span;
    if (!(t > 0 && t < 1)) continue;
    const hit = from[along] + (to[along] - from[along]) * t;
    const positions = cells.map((c) => c[along]);
    const half = positions.length > 1 ? (positions[1]! - positions[0]!) / 2 : METRICS.cellPitch / 2;
    // A lane the line passes beside is no obstacle.
    if (hit < positions[0]! - half || hit > positions.at(-1)! + half) continue;
    const gaps = [positions[0]! - half, ...positions.slice(0, -1).map((v, k) => (v + positions[k + 1]!) / 2), positions.at(-1)! + half];
    const off = (g: number) => Math.round(Math.abs(g - hit) * 1000);
    const [gap] = [...gaps].sort((a, b) => off(a) - off(b) || b - a);
    crossings.push({ t, point: axis === 'column' ? { x: at, y: gap! } : { x: gap!, y: at } });
  }
  return crossings.sort((a, b) => a.t - b.t).map((c) => c.point);
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
  /** Groups drawn as one line of cells: what a long edge has to find its way through. */
  const lanes = new Map(
    groupList
      .filter((g) => g.orientation !== 'grid')
      .map((g) => {
        const axis = g.orientation === 'column' ? ('column' as const) : ('row' as const);
        const cells = g.members.map((id) => nodes.get(id)!).sort((a, b) => (axis === 'column' ? a.y - b.y : a.x - b.x));
        return [g.id, { axis, cells }] as const;
      }),
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
    if (isDelayed(edge) && from.group === to.group) {
      const loop =
        from.id === to.id
          ? selfLoop(from, r, edge.kind === 'carry' ? -1 : 1)
          : backArc(from, to, r, Math.abs(memberIndex.get(to.id)! - memberIndex.get(from.id)!));
      return { edge, path: loop.path, middle: pointOnCubic(loop.curve, 0.5), loop };
    }
    // Edges that jump over groups — skips, delayed edges between copies of the network (unrolled view:
    // the steps say which way time runs), attention reads — bend through the gaps of any lane in their
    // way: a bidirectional network's two chains stand side by side in each step, an attention read
    // passes the keys and alignment cells, and a straight line would cross cells it does not touch.
    if ((edge.kind === 'residual' || isDelayed(edge) || edge.kind === 'attention') && from.group !== to.group) {
      // A carried state runs between the same two cells as the recurrent weight from a cell to itself
      // (between two steps' copies): beside it, through the same gaps, not on top of it.
      const via = laneWaypoints(from, to, lanes).map((p) => (edge.kind === 'carry' ? { x: p.x, y: p.y + CARRY_OFFSET } : p));
      if (via.length > 0) return { edge, path: polylinePath(from, via, to, r), middle: via[0]! };
      if (edge.kind === 'carry') return { edge, ...offsetPath(from, to, r, CARRY_OFFSET) };
    }
    return { edge, path: straightPath(from, to, r), middle: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } };
  });

  const placeBadge = createBadgePlacer(
    [...nodes.values()].map((n) => ({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r })),
    drawn.filter((d) => d.edge.trainable === false || d.edge.scaledBy).map((d) => markerBox(d.middle)),
  );
  return drawn.map(({ edge, path, middle, loop, bundleText }): PositionedEdge => {
    if (bundleText)
      // The badge sits beside the line so the fixed-weight marker at its middle stays visible.
      return { ...edge, path, bundleBadge: { at: { x: middle.x + badgeBoxWidth(bundleText) / 2 + 7, y: middle.y }, text: bundleText } };
    return loop ? { ...edge, path, delayBadge: placeBadge(loop) } : { ...edge, path };
  });
}
