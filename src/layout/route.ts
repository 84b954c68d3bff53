import type { ObstacleIndex } from './obstacles';
import type { Box, Point } from './types';

/** What a bend costs, in pixels of length: of two routes about as long, the one with fewer bends wins. */
const BEND = 8;
/** How far past the straight segment a route looks for a way round, before it considers the whole diagram. */
const WINDOWS = [60, 200, Infinity];
/** Corners are taken this far outside their box, so a route round a corner does not graze it. */
const CORNER = 0.5;
/**
 * A route bending where others did is set SPREAD further out, so two detours round one text never
 * share a segment (which would draw two connections as one line); SPREAD_ATTEMPTS times at most.
 */
const SPREAD = 5;
const SPREAD_ATTEMPTS = 25;

/** How many routes already bend at each corner (keyed by its box and which corner). */
export type CornerUse = Map<string, number>;

type Vertex = Point & { readonly corner?: string };

export interface RouteRequest {
  readonly start: Point;
  readonly end: Point;
  /** What the route must not pass through. */
  readonly obstacles: ObstacleIndex;
  /** Cells the route may pass through: its own ends. */
  readonly except: ReadonlySet<string>;
  readonly used: CornerUse;
  /** May refuse a route (one that runs along another line): it is then spread and sought again. */
  readonly acceptable: (route: readonly Point[]) => boolean;
  /** How far a refused route runs along other lines: where every spread is refused, the one that runs along them least. */
  readonly overlap?: (route: readonly Point[]) => number;
  /**
   * How many visibility-graph searches the diagram may still make, and how many clearance tests (a
   * segment against the obstacles, ObstacleIndex.clearBetween) those may make. Diagrams we draw need a
   * handful of searches; one drawn whole at thousands of lines (a 64-128-128-16 network) would need
   * thousands. A search makes up to points² tests, so the tests say what a dense diagram's routing
   * costs: the diagrams we commit need at most half a million; the attention network's demo-sized
   * cells view, 708 searches among up to 580 corners, would make 20 million. Past either budget
   * (a search under way is finished, through all its windows), routes bend once or not at all.
   */
  readonly budget: { searches: number; tests: number };
}

/**
 * The shortest route from `start` to `end` that passes through no obstacle, as the points between
 * them (empty when the straight segment is already clear; undefined when no route exists). A route
 * bends only at obstacles' corners: first it tries one bend, round a corner of what the straight
 * segment crosses (nearly always enough: a caption, a badge); else the visibility graph of the
 * obstacles near the segment, then of more of them, searched by A* with the straight-line distance as
 * its estimate — the taut line round what is in the way. Deterministic: every choice is by cost, then
 * by the obstacles' order.
 */
export function routeAround(request: RouteRequest): Point[] | undefined {
  const { start, end, obstacles, except, used, acceptable } = request;
  const clear = (a: Point, b: Point) => obstacles.crossed(a, b, except).length === 0;
  const inTheWay = obstacles.crossed(start, end, except);
  if (inTheWay.length === 0) return [];
  let found: Point[] | undefined;
  let least = Infinity;
  for (let attempt = 0; attempt < SPREAD_ATTEMPTS; attempt++) {
    // The visibility graph is the dear part: sought only while the diagram's budget lasts.
    const route = oneBend(start, end, inTheWay, clear, used) ?? (request.budget.tests > 0 && request.budget.searches-- > 0 ? visibilityRoute(start, end, obstacles, except, used, request.budget) : undefined);
    if (!route) return found;
    const points = route.map(({ x, y }) => ({ x, y }));
    if (acceptable([start, ...points, end])) return points;
    // The first refused route, or (given a measure) a later one that runs along other lines for less.
    const shared = request.overlap?.([start, ...points, end]) ?? Infinity;
    if (!found || shared < least) [found, least] = [points, shared];
    // It runs along another line round one of these corners: spread them, for this route and the next.
    for (const p of route) if (p.corner) used.set(p.corner, (used.get(p.corner) ?? 0) + 1);
  }
  // Every spread still runs along some line: the one that runs along them least (else the shortest), then.
  return found;
}

/** The four corners of a box, each `CORNER` plus its spread outside it. */
function corners(o: Box, used: CornerUse): Vertex[] {
  return [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy], k) => {
    const corner = `${o.x},${o.y},${o.width},${o.height}:${k}`;
    const out = CORNER + SPREAD * (used.get(corner) ?? 0);
    return { x: (sx! < 0 ? o.x : o.x + o.width) + sx! * out, y: (sy! < 0 ? o.y : o.y + o.height) + sy! * out, corner };
  });
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** The shortest clear route with one bend, round a corner of one of the boxes in the way. */
function oneBend(start: Point, end: Point, inTheWay: readonly Box[], clear: (a: Point, b: Point) => boolean, used: CornerUse): Vertex[] | undefined {
  let best: Vertex | undefined;
  let length = Infinity;
  for (const o of inTheWay)
    for (const c of corners(o, used)) {
      const l = distance(start, c) + distance(c, end);
      if (l < length - 1e-9 && clear(start, c) && clear(c, end)) [best, length] = [c, l];
    }
  return best && [best];
}

/** A* over the corners of the obstacles near the segment, then of more of them. */
function visibilityRoute(start: Point, end: Point, obstacles: ObstacleIndex, except: ReadonlySet<string>, used: CornerUse, budget: { tests: number }): Vertex[] | undefined {
  const span: Box = { x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), width: Math.abs(end.x - start.x), height: Math.abs(end.y - start.y) };
  for (const window of WINDOWS) {
    const area = window === Infinity ? { x: -1e9, y: -1e9, width: 2e9, height: 2e9 } : { x: span.x - window, y: span.y - window, width: span.width + 2 * window, height: span.height + 2 * window };
    const near = obstacles.within(area, except);
    const route = shortestRoute(start, end, near, obstacles, except, used, budget);
    if (route) return route;
  }
  return undefined;
}

/**
 * A* from `start` to `end` over the corners of `near`. Every expanded point offers a segment to every
 * point not yet expanded that it would make cheaper; the offer stands if the segment is clear. Those
 * clearance tests are the work (points² a search, a third of a million at the 580 corners of a whole
 * diagram): they go through ObstacleIndex.clearBetween, which looks each segment up once for the
 * whole diagram, and are counted against the diagram's budget (a search under way is finished).
 */
function shortestRoute(start: Point, end: Point, near: readonly Box[], obstacles: ObstacleIndex, except: ReadonlySet<string>, used: CornerUse, budget: { tests: number }): Vertex[] | undefined {
  const inside = (p: Point) => near.some((o) => p.x > o.x && p.x < o.x + o.width && p.y > o.y && p.y < o.y + o.height);
  const points: Vertex[] = [start, end, ...near.flatMap((o) => corners(o, used)).filter((c) => !inside(c))];
  const n = points.length;
  const ids = points.map((p) => obstacles.pointId(p));
  const [xs, ys] = [Float64Array.from(points, (p) => p.x), Float64Array.from(points, (p) => p.y)];
  const estimate = Float64Array.from(points, (p) => distance(p, end));
  const cost = new Float64Array(n).fill(Infinity);
  cost[0] = 0;
  const previous = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  /** Points with a cost, in the order they got it: of two equally cheap, the earlier is expanded first. */
  const open: number[] = [0];
  for (;;) {
    // The open point with the lowest cost plus estimate; a few hundred points, so a scan is enough.
    let current = -1;
    let best = Infinity;
    for (const i of open) {
      if (done[i]) continue;
      const f = cost[i]! + estimate[i]!;
      if (f < best - 1e-9) [current, best] = [i, f];
    }
    if (current < 0) return undefined;
    if (current === 1) break;
    done[current] = 1;
    const [x, y, from] = [xs[current]!, ys[current]!, ids[current]!];
    for (let i = 0; i < n; i++) {
      if (done[i] || i === current) continue;
      const c = cost[current]! + Math.hypot(x - xs[i]!, y - ys[i]!) + (i === 1 ? 0 : BEND);
      if (c >= cost[i]! - 1e-9) continue;
      budget.tests--;
      if (!obstacles.clearBetween(from, ids[i]!, except)) continue;
      if (cost[i] === Infinity) open.push(i);
      cost[i] = c;
      previous[i] = current;
    }
  }
  const route: Vertex[] = [];
  for (let i = previous[1]!; i !== 0; i = previous[i]!) route.unshift(points[i]!);
  return route;
}
