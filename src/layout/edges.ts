import type { DiagramEdge } from '../views/types';
import { LINE_CLEARANCE, createBadgePlacer } from './badges';
import { isDelayed } from '../graph/types';
import { groupDigits } from '../views/numbers';
import { backArc, boxExit, boxCentre, crossArc, offsetWaypoints, pointOnCubic, polylinePath, selfLoop, straightPath, type Loop } from './geometry';
import { METRICS, badgeBoxWidth } from './metrics';
import { LineIndex, ObstacleIndex, grow, overlapAlong, union } from './obstacles';
import { routeAround, type CornerUse } from './route';
import type { Box, Point, PositionedEdge, PositionedGroup, PositionedNode } from './types';

/** One connection's first drawing: a loop, or a line through `points` (centre to centre, or box to box for a bundle). */
interface Drawn {
  readonly edge: DiagramEdge;
  readonly points: readonly Point[];
  /** The path's middle vertex: where a fixed-weight marker is drawn. */
  readonly middle: Point;
  readonly loop?: Loop;
  readonly bundleText?: string;
}

/** How far a carried state's line runs beside the recurrent weight between the same two cells. */
const CARRY_OFFSET = 6;

const markerBox = (p: Point): Box => ({ x: p.x - 6, y: p.y - 6, width: 12, height: 12 });
/** Bows tried for a delayed arc between two groups, in order of preference (negative: the other side). */
const CROSS_BOWS = [0.18, -0.18, 0.1, -0.1, 0.3, -0.3, 0.45, -0.45, 0.05, -0.05, 0.24, -0.24, 0.6, -0.6];
/** Where each of those runs through a text: every bow between, finer (a long arc may find a way between texts none of those takes). */
const FINER_BOWS = Array.from({ length: 40 }, (_, k) => Math.round(2 * (k + 1)) / 100).flatMap((b) => [b, -b]);
/** How far apart the apexes of two such arcs should be: room for a t−1 badge each. */
const APEX_ROOM = 30;

/** A loop as the points a badge must keep clear of. */
const sampled = (loop: Loop): Point[] => Array.from({ length: 33 }, (_, k) => pointOnCubic(loop.curve, k / 32));
/** Room kept between a line and a text it is routed round, and between a line and a cell it passes. */
const TEXT_CLEARANCE = 3;
const CELL_CLEARANCE = 4;
/**
 * Visibility-graph searches a diagram may make (src/layout/route.ts); most diagrams need a few dozen,
 * the NTM's cells view over a hundred, a living Transformer's unrolled view (demo-sized, elided by
 * src/live/views.ts) about 960 and the DNC's about 510. The clearance tests below bound the time.
 */
const SEARCHES = 1500;
/**
 * Clearance tests those searches may make: most committed diagrams need none or a few thousand, the
 * densest 480,000; at well under a microsecond each (every segment is looked up in the R-tree once),
 * a diagram's routing stays within a second.
 */
const CLEARANCE_TESTS = 2_000_000;
/** How long two lines may run together (px) before they read as one: about a cell's width. */
const SHARED = 20;
/**
 * How long a detour may run along another line: less than SHARED, as a detour is sought between cell
 * centres, and the line drawn from it leaves its cell fanned (fanTurns) at an angle a few degrees off.
 */
const DETOUR_SHARED = 15;

/** A point where a line passes a lane, between two of its cells, and which way that lane runs. */
interface LanePoint extends Point {
  readonly axis: Lane['axis'];
}

/**
 * How far apart (px, along the lane) attention reads into one cell pass the gap where they would
 * otherwise meet: reads of one encoder cell at several source positions, into one decoder-step cell,
 * all cross the lanes between them at the same gap, and from there would run to the cell as one line.
 * Within the gap: a cell pitch of 46 px leaves 9 px between a gap's centre and the cells beside it.
 */
const ATTENTION_FAN = 6;

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
function laneWaypoints(from: PositionedNode, to: PositionedNode, lanes: ReadonlyMap<string, Lane>): LanePoint[] {
  const crossings: { t: number; point: LanePoint }[] = [];
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
    crossings.push({ t, point: axis === 'column' ? { x: at, y: gap!, axis } : { x: gap!, y: at, axis } });
  }
  return crossings.sort((a, b) => a.t - b.t).map((c) => c.point);
}

/**
 * Chooses each edge's drawing: a time-delayed edge inside one column becomes a back-arc or a
 * self-loop (never a plain forward line), a bundle joins two group boxes, everything else is a
 * straight line between cells as in the Zoo (bent through the gaps of lanes it would cross). Then
 * badges are placed — a bundle's "m×n", a loop's "t−1" — where they cover no cell, text, badge or
 * loop and, as far as possible, no other line. Last, no line may run through a text: a line that
 * would (a group's label or caption, a step's title, a badge) is routed round it, and round the
 * cells in its way, on the shortest such route.
 */
export function placeEdges(
  edges: readonly DiagramEdge[],
  nodes: ReadonlyMap<string, PositionedNode>,
  groups: ReadonlyMap<string, PositionedGroup>,
  groupList: readonly PositionedGroup[],
  texts: readonly Box[] = [],
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
      // A ring's chords pass no cell of it (src/layout/ring.ts): no lane to find a way through.
      .filter((g) => g.orientation === 'column' || g.orientation === 'row')
      .map((g) => {
        const axis = g.orientation === 'column' ? ('column' as const) : ('row' as const);
        const cells = g.members.map((id) => nodes.get(id)!).sort((a, b) => (axis === 'column' ? a.y - b.y : a.x - b.x));
        return [g.id, { axis, cells }] as const;
      }),
  );

  const extent = groupList.length > 0 ? union(groupList.map((g) => g.box)) : { x: -Infinity, y: -Infinity, width: Infinity, height: Infinity };
  const apexes: Point[] = [];
  /** The arcs between groups placed so far, finely sampled, and the room their t−1 badges need by their apexes. */
  const arcs: Point[][] = [];
  const apexBox = (apex: Point): Box => ({ x: apex.x - METRICS.badgeWidth / 2, y: apex.y - (METRICS.badgeSize + 5) / 2, width: METRICS.badgeWidth, height: METRICS.badgeSize + 5 });
  /** Attention reads that leave a lane through one gap towards one cell, so far: the later ones are fanned out. */
  const sharedGaps = new Map<string, number>();
  /** Parts an attention read from those before it that would reach its cell from the same gap. */
  const fanned = (via: readonly LanePoint[], to: PositionedNode): Point[] => {
    const last = via.at(-1)!;
    const key = `${last.x},${last.y}>${to.id}`;
    const n = sharedGaps.get(key) ?? 0;
    sharedGaps.set(key, n + 1);
    if (n === 0) return [...via];
    const shift = (n % 2 === 1 ? 1 : -1) * ATTENTION_FAN;
    const moved = last.axis === 'column' ? { x: last.x, y: last.y + shift } : { x: last.x + shift, y: last.y };
    return [...via.slice(0, -1), moved];
  };
  const drawn: Drawn[] = edges.map((edge) => {
    if (edge.bundle) {
      const from = groups.get(edge.from)!;
      const to = groups.get(edge.to)!;
      const [start, end] = [boxExit(from.box, boxCentre(to.box)), boxExit(to.box, boxCentre(from.box))];
      return { edge, points: [start, end], middle: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }, bundleText: `${groupDigits(cellCount(from))}×${groupDigits(cellCount(to))}` };
    }
    const from = nodes.get(edge.from)!;
    const to = nodes.get(edge.to)!;
    if (isDelayed(edge) && from.group === to.group) {
      // A carried state loops on the cell's left, beside the recurrent weight's own loop on its right.
      const loop =
        from.id === to.id
          ? selfLoop(from, r, edge.kind === 'carry' ? -1 : 1)
          : backArc(from, to, r, Math.abs(memberIndex.get(to.id)! - memberIndex.get(from.id)!));
      return { edge, points: sampled(loop), middle: pointOnCubic(loop.curve, 0.5), loop };
    }
    // A delayed connection between two groups of one picture (not between steps' copies): a bowed arc with its
    // t−1 badge, on whichever side (and at whichever bow) passes the fewest texts and cells it does not join.
    if (isDelayed(edge) && from.step === undefined && to.step === undefined) {
      const cost = (loop: Loop) => {
        // Every few pixels: a caption line is 14 px tall, and a long arc's badge samples are far apart.
        const points = Array.from({ length: 241 }, (_, k) => pointOnCubic(loop.curve, k / 240));
        const hits = (box: Box) => points.some((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height);
        const cells = [...nodes.values()].filter((n) => n.id !== from.id && n.id !== to.id && hits({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r }));
        // Below or beside every group is where the legend goes: an arc must stay within the groups' extent.
        const outside = points.some((p) => p.x < extent.x || p.x > extent.x + extent.width || p.y < extent.y || p.y > extent.y + extent.height);
        // Apart from the arcs already placed: their t−1 badges sit by the apexes.
        const apex = pointOnCubic(loop.curve, 0.5);
        const crowded = apexes.filter((a) => Math.hypot(a.x - apex.x, a.y - apex.y) < APEX_ROOM).length;
        // Nor through the room the arcs already placed need for their badges, nor they through its own.
        const own = apexBox(apex);
        const inside = (box: Box) => (p: Point) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
        const badgesCrossed = apexes.filter((a) => hits(apexBox(a))).length + arcs.filter((arc) => arc.some(inside(own))).length;
        // Room for badges can be found elsewhere; a text crossed cannot be read: crowding costs less than a text.
        return 3 * cells.length + 2 * texts.filter(hits).length + (outside ? 100 : 0) + 0.3 * (crowded + badgesCrossed);
      };
      const best = (bows: readonly number[], first?: Loop) => bows.map((bow) => crossArc(from, to, r, bow)).reduce((b, l) => (cost(l) < cost(b) ? l : b), first ?? crossArc(from, to, r, bows[0]!));
      const crossesText = (loop: Loop) => {
        const points = Array.from({ length: 241 }, (_, k) => pointOnCubic(loop.curve, k / 240));
        return texts.some((box) => points.some((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height));
      };
      const usual = best(CROSS_BOWS);
      const loop = crossesText(usual) ? best(FINER_BOWS, usual) : usual;
      apexes.push(pointOnCubic(loop.curve, 0.5));
      arcs.push(Array.from({ length: 241 }, (_, k) => pointOnCubic(loop.curve, k / 240)));
      return { edge, points: sampled(loop), middle: pointOnCubic(loop.curve, 0.5), loop };
    }
    // Edges that jump over groups — skips, delayed edges between copies of the network (unrolled view:
    // the steps say which way time runs), attention reads — bend through the gaps of any lane in their
    // way: a bidirectional network's two chains stand side by side in each step, an attention read
    // passes the keys and alignment cells, and a straight line would cross cells it does not touch.
    if ((edge.kind === 'residual' || isDelayed(edge) || edge.kind === 'attention') && from.group !== to.group) {
      // A carried state runs between the same two cells as the recurrent weight from a cell to itself
      // (between two steps' copies): beside it, through the same gaps, not on top of it.
      const lane = laneWaypoints(from, to, lanes);
      const via: Point[] = edge.kind === 'carry' ? lane.map((p) => ({ x: p.x, y: p.y + CARRY_OFFSET })) : edge.kind === 'attention' && lane.length > 0 ? fanned(lane, to) : lane;
      if (via.length > 0) return { edge, points: [from, ...via, to], middle: via[0]! };
      if (edge.kind === 'carry') {
        const beside = offsetWaypoints(from, to, CARRY_OFFSET);
        return { edge, points: [from, ...beside, to], middle: beside[0]! };
      }
    }
    return { edge, points: [from, to], middle: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } };
  });

  // Badges, where they cover no cell, text, badge or loop: bundles' first (they sit in the open), then loops'.
  const cellBoxes = [...nodes.values()].map((n) => ({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r }));
  const placer = createBadgePlacer(
    cellBoxes,
    // Mid-line marks: ◇ on a fixed weight, ⊗ on a line scaled by a coefficient computed per input.
    drawn.filter((d) => d.edge.trainable === false || d.edge.scaledBy).map((d) => markerBox(d.middle)),
    {
      texts,
      fixedLines: drawn.flatMap((d) => (d.loop ? [d.points] : [])),
      movableLines: drawn.filter((d) => !d.loop).map((d) => ({ points: d.points, cost: d.bundleText ? 3 : 1 })),
    },
  );
  const bundleBadges = new Map<Drawn, { at: Point; text: string }>();
  for (const d of drawn)
    if (d.bundleText) bundleBadges.set(d, { at: placer.line(d.points[0]!, d.points.at(-1)!, badgeBoxWidth(d.bundleText)), text: d.bundleText });
  const delayBadges = new Map<Drawn, Point>();
  for (const d of drawn)
    if (d.loop)
      delayBadges.set(d, placer.loop(d.loop, nodes.get(d.edge.from)!.group === nodes.get(d.edge.to)!.group ? groups.get(nodes.get(d.edge.from)!.group)?.box : undefined, d.edge.trainable === false ? markerBox(d.middle) : undefined));

  // No line through a text: every text and badge is an obstacle to the lines that are not its own
  // (a bundle's badge is its own), and every cell to the lines that do not end at it.
  const badgeH = METRICS.badgeSize + 5;
  const badgeBox = (at: Point, width: number): Box => ({ x: at.x - width / 2, y: at.y - badgeH / 2, width, height: badgeH });
  const bundleIds = new Map([...bundleBadges.keys()].map((d, i) => [d, `bundle-badge:${i}`]));
  const textBoxes: { box: Box; id?: string }[] = [
    ...texts.map((box) => ({ box })),
    ...[...bundleBadges].map(([d, b]) => ({ box: badgeBox(b.at, badgeBoxWidth(b.text)), id: bundleIds.get(d)! })),
    ...[...delayBadges.values()].map((at) => ({ box: badgeBox(at, METRICS.badgeWidth - 2) })),
  ];
  const obstacles = new ObstacleIndex([
    ...textBoxes.map(({ box, id }) => ({ box: grow(box, TEXT_CLEARANCE), ...(id ? { id } : {}) })),
    ...[...nodes.values()].map((n) => ({ box: grow({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r }, CELL_CLEARANCE), id: n.id })),
  ]);
  // A line that keeps LINE_CLEARANCE from every text stays where it is; one that comes closer is routed round.
  const tooClose = new ObstacleIndex(textBoxes.map(({ box, id }) => ({ box: grow(box, LINE_CLEARANCE - 0.5), ...(id ? { id } : {}) })));
  // Nor straight through a cell it does not join: it would read as two connections, in and out of that
  // cell. (A bundle ends at its groups' boxes, and a line bent through lanes' gaps has its way already.)
  const cellsCrossed = new ObstacleIndex([...nodes.values()].map((n) => ({ box: { x: n.x - n.r / 2, y: n.y - n.r / 2, width: n.r, height: n.r }, id: n.id })));
  // Not along another line: two connections drawn on one stretch would read as one.
  const straight = new LineIndex();
  const lineOf = new Map(drawn.filter((d) => !d.loop).map((d) => [d, straight.add(d.points)]));
  const replaced = new Set<number>();
  const cornersUsed: CornerUse = new Map();
  const budget = { searches: SEARCHES, tests: CLEARANCE_TESTS };
  /** The points a line must pass between (none: straight), or undefined if it needs no detour (or none exists). */
  const detour = (d: Drawn): Point[] | undefined => {
    const own = bundleIds.get(d);
    const except = new Set(own ? [own] : [d.edge.from, d.edge.to]);
    const close = d.points.slice(1).some((p, i) => tooClose.crossed(d.points[i]!, p, except).length > 0 || (!own && d.points.length === 2 && cellsCrossed.crossed(d.points[i]!, p, except).length > 0));
    if (!close) return undefined;
    const [start, end] = [d.points[0]!, d.points.at(-1)!];
    const mine = lineOf.get(d)!;
    const apart = (route: readonly Point[]) =>
      [...straight.alongside(route)].every(([line, length]) => line === mine || replaced.has(line) || length <= DETOUR_SHARED);
    // A bundle's own badge stands beside its straight line; a detour must go round it like any other text.
    const overlap = (route: readonly Point[]) =>
      [...straight.alongside(route)].reduce((sum, [line, length]) => sum + (line === mine || replaced.has(line) || length <= DETOUR_SHARED ? 0 : length), 0);
    const route = routeAround({ start, end, obstacles, except: own ? new Set<string>() : except, used: cornersUsed, acceptable: apart, overlap, budget });
    // No route at all, or the straight line it already is: leave it. (A line bent through lanes whose
    // straight segment is clear of every text and cell is drawn straight.)
    if (!route || (route.length === 0 && d.points.length === 2)) return undefined;
    replaced.add(mine);
    lineOf.set(d, straight.add([start, ...route, end]));
    return route;
  };

  // Detours in drawing order (each keeps clear of those before it), then the ends of the straight lines.
  const vias = drawn.map((d) => (d.loop ? undefined : detour(d)));
  /** The points between a line's two cells, as it will be drawn (none: straight). */
  const between = drawn.map((d, i) => vias[i] ?? d.points.slice(1, -1));
  const turns = fanTurns(
    drawn.flatMap((d, i) => {
      if (d.loop || d.bundleText) return [];
      const [from, to] = [nodes.get(d.edge.from)!, nodes.get(d.edge.to)!];
      return [{ i, from, to, leaving: between[i]![0] ?? to, entering: between[i]!.at(-1) ?? from }];
    }),
    r,
  );

  const placed = drawn.map((d, i): PositionedEdge => {
    const { edge, points, loop } = d;
    if (loop) return { ...edge, path: loop.path, delayBadge: delayBadges.get(d)! };
    const via = vias[i];
    const bundle = bundleBadges.get(d);
    if (bundle) {
      const line = via ? [points[0]!, ...via, points.at(-1)!] : [points[0]!, d.middle, points.at(-1)!];
      return { ...edge, path: `M${line.map(fmt).join(' L')}`, bundleBadge: bundle };
    }
    const [from, to] = [nodes.get(edge.from)!, nodes.get(edge.to)!];
    const turn = turns.get(i);
    if (turn) return { ...edge, path: spreadPath(from, between[i]!, to, r, turn) };
    if (via) return { ...edge, path: polylinePath(from, via, to, r) };
    return { ...edge, path: points.length > 2 ? polylinePath(from, points.slice(1, -1), to, r) : straightPath(from, to, r) };
  });
  // Straight lines between cells (no detour, no lane waypoints) that may be bent apart where they cross another too shallowly.
  // Above BEND_CHECK_LIMIT lines the check is skipped: it searches, for each line, every line whose box
  // meets its own, which for thousands of long diagonals is all of them (minutes at 26,624 lines).
  if (placed.length > BEND_CHECK_LIMIT) return placed;
  const bendable = drawn.map((d, i) => !d.loop && !d.bundleText && vias[i] === undefined && d.points.length === 2);
  return bendShallowCrossings(placed, bendable, nodes, r, turns, obstacles);
}

/** The vertices of a path drawn with M and L only (every line that is not a loop). */
const pathPoints = (path: string): Point[] =>
  path
    .slice(1)
    .split(' L')
    .map((pair) => {
      const [x, y] = pair.trim().split(' ').map(Number);
      return { x: x!, y: y! };
    });

/** How far two polylines run along each other, measured along either (the larger). */
function runTogether(a: readonly Point[], b: readonly Point[]): number {
  let [ab, ba] = [0, 0];
  for (let i = 1; i < a.length; i++)
    for (let j = 1; j < b.length; j++) {
      ab += overlapAlong(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!, 1);
      ba += overlapAlong(b[j - 1]!, b[j]!, a[i - 1]!, a[i]!, 1);
    }
  return Math.max(ab, ba);
}

/**
 * The most lines a diagram may have for shallow crossings to be bent apart: far above any diagram we
 * publish (the largest, a DNC unrolled view, has 213), below the stress tests that draw tens of
 * thousands of lines whole (tests/render/render-at-scale.test.ts), where the search is quadratic.
 */
const BEND_CHECK_LIMIT = 2000;

/** Offsets (px) tried, smallest first, for the bend that parts two lines crossing too shallowly; either side. */
const BEND_OFFSETS = [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30].flatMap((o) => [o, -o]);
/** Where along the line (0…1) the bend is tried when the crossing itself allows none. */
const BEND_AT = [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85];

/**
 * Two straight lines between far-apart cells that cross at a very shallow angle stay within a pixel of
 * each other for tens of pixels round the crossing, and read as one there. Where a pair runs together
 * longer than SHARED and the later of them is a straight two-point line, that one is bent once: through
 * a point beside the crossing, displaced across it by the smallest offset that parts the two (neither
 * then runs along any line longer than SHARED / 2) without passing through a cell, text or badge the
 * straight line did not pass. Lines already routed or bent through lanes are left as they are.
 */
function bendShallowCrossings(
  placed: PositionedEdge[],
  bendable: readonly boolean[],
  nodes: ReadonlyMap<string, PositionedNode>,
  r: number,
  turns: ReadonlyMap<number, [number, number]>,
  obstacles: ObstacleIndex,
): PositionedEdge[] {
  const lines = placed.map((e) => (e.delayBadge ? undefined : pathPoints(e.path)));
  const index = new LineIndex();
  const owner = new Map<number, number>();
  const current = new Map<number, number>();
  lines.forEach((points, i) => {
    if (!points) return;
    const id = index.add(points);
    owner.set(id, i);
    current.set(i, id);
  });
  const crossedBy = (points: readonly Point[], except: ReadonlySet<string>) => new Set(points.slice(1).flatMap((p, k) => obstacles.crossed(points[k]!, p, except)));
  const result = [...placed];
  for (let i = 0; i < placed.length; i++) {
    const mine = lines[i];
    if (!mine || !bendable[i]) continue;
    const live = (points: readonly Point[]) =>
      [...index.alongside(points)].map(([id]) => owner.get(id)!).filter((j) => j !== i && current.get(j) !== undefined);
    const rivals = [...new Set(live(mine))].filter((j) => runTogether(mine, lines[j]!) > SHARED);
    // Only the later of a pair bends (the earlier may be bent for a pair of its own with a later line).
    const rival = rivals.find((j) => j < i || !bendable[j]);
    if (rival === undefined) continue;
    const other = lines[rival]!;
    // The crossing: where this line meets the segment of the other it runs along most.
    const [s, e] = [mine[0]!, mine.at(-1)!];
    const segment = other
      .slice(1)
      .map((b, k) => [other[k]!, b] as const)
      .reduce((best, seg) => (runTogether([s, e], seg) > runTogether([s, e], best) ? seg : best));
    const [a, b] = segment;
    const d = { x: e.x - s.x, y: e.y - s.y };
    const f = { x: b.x - a.x, y: b.y - a.y };
    const denom = d.x * f.y - d.y * f.x;
    const crossing = denom === 0 ? 0.5 : Math.min(0.9, Math.max(0.1, ((a.x - s.x) * f.y - (a.y - s.y) * f.x) / denom));
    const length = Math.hypot(d.x, d.y) || 1;
    const normal = { x: -d.y / length, y: d.x / length };
    const edge = placed[i]!;
    const [from, to] = [nodes.get(edge.from)!, nodes.get(edge.to)!];
    const except = new Set([edge.from, edge.to]);
    const before = crossedBy(mine, except);
    // The smallest offset first; for each, the bend at the crossing, then nearer and nearer either end.
    const tries = BEND_OFFSETS.flatMap((offset) => [crossing, ...BEND_AT].map((t) => ({ offset, t })));
    for (const { offset, t } of tries) {
      const via = { x: s.x + d.x * t + normal.x * offset, y: s.y + d.y * t + normal.y * offset };
      const path = spreadPath(from, [via], to, r, turns.get(i) ?? [0, 0]);
      const points = pathPoints(path);
      if ([...crossedBy(points, except)].some((box) => !before.has(box))) continue;
      const near = [...new Set(live(points))];
      // Any line it comes near is measured whole (alongside with tolerance 1 finds every line within reach).
      if (near.some((j) => runTogether(points, lines[j]!) > SHARED / 2)) continue;
      result[i] = { ...edge, path };
      lines[i] = points;
      const id = index.add(points);
      owner.set(id, i);
      current.set(i, id);
      break;
    }
  }
  return result;
}

/** Lines leaving (or entering) one cell closer than this in angle (sin) would run together from its edge: the test's 2.5°, and a little. */
const FAN_ANGLE = 0.05;
/** How far apart along the circle such lines leave it: more than a line's width, so they read as two from the start. */
const FAN_SPREAD = 3;

/**
 * Where straight lines leave or enter one cell at nearly the same angle — a fan into a small, distant
 * group, whose lines diverge too slowly to be told apart for their first tens of pixels — each end is
 * turned round the circle (radians: [at its `from`, at its `to`]) so that they leave FAN_SPREAD apart, in the
 * order of their angles: they diverge from the circle on, and never run together.
 */
function fanTurns(lines: readonly { i: number; from: PositionedNode; to: PositionedNode; leaving: Point; entering: Point }[], r: number): Map<number, [number, number]> {
  const ends = new Map<string, { i: number; end: 0 | 1; angle: number }[]>();
  for (const { i, from, to, leaving, entering } of lines)
    for (const [end, at, other] of [
      [0, from, leaving],
      [1, to, entering],
    ] as const) {
      const list = ends.get(at.id) ?? [];
      list.push({ i, end, angle: Math.atan2(other.y - at.y, other.x - at.x) });
      ends.set(at.id, list);
    }
  const turns = new Map<number, [number, number]>();
  for (const list of ends.values()) {
    list.sort((a, b) => a.angle - b.angle || a.i - b.i || a.end - b.end);
    // Runs of ends each within FAN_ANGLE of the one before (angles wrap at ±π only behind a cell's own column: not joined).
    const runs: (typeof list)[] = [];
    for (const e of list) {
      const run = runs.at(-1);
      if (run && e.angle - run.at(-1)!.angle < Math.asin(FAN_ANGLE)) run.push(e);
      else runs.push([e]);
    }
    for (const run of runs) {
      if (run.length < 2) continue;
      run.forEach((e, k) => {
        const turn = turns.get(e.i) ?? [0, 0];
        turn[e.end] = ((k - (run.length - 1) / 2) * FAN_SPREAD) / r;
        turns.set(e.i, turn);
      });
    }
  }
  return turns;
}

/**
 * A line between two circles through `via` (none: straight, drawn through its middle as straightPath
 * draws it), whose ends are turned round the circles by `turn` (radians) from facing the next point.
 */
function spreadPath(from: Point, via: readonly Point[], to: Point, r: number, [a, b]: [number, number]): string {
  const on = (c: Point, toward: Point, radius: number, turn: number) => {
    const angle = Math.atan2(toward.y - c.y, toward.x - c.x) + turn;
    return { x: c.x + Math.cos(angle) * radius, y: c.y + Math.sin(angle) * radius };
  };
  const [start, end] = [on(from, via[0] ?? to, r, a), on(to, via.at(-1) ?? from, r + 1, b)];
  const inner = via.length > 0 ? via : [{ x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }];
  return `M${fmt(start)} ${inner.map((p) => `L${fmt(p)}`).join(' ')} L${fmt(end)}`;
}

const fmt = (p: Point) => `${Math.round(p.x * 10) / 10} ${Math.round(p.y * 10) / 10}`;
