import { boxesOverlap, segmentCrossesBox } from './obstacles';
import type { Box, Point } from './types';

/** What a bend costs, in pixels of length: of two routes about as long, the one with fewer bends wins. */
const BEND = 8;
/** How far past an obstacle a route first looks for a way round, before it considers the whole diagram. */
const WINDOWS = [60, 200, Infinity];
/** Corners are taken this far outside their box, so a route round a corner does not graze it. */
const CORNER = 0.5;

/**
 * The shortest route from `start` to `end` that passes through none of `obstacles`, as the points
 * between them (empty when the straight segment is already clear; undefined when no route exists).
 * A route bends only at obstacles' corners (the visibility graph of the boxes), found by A* with the
 * straight-line distance as its estimate, so it is the taut line round what is in the way. It first
 * considers the obstacles near the segment, then, if they wall it in, more of them.
 * Deterministic: every choice is by cost, then by the obstacles' order.
 */
export function routeAround(start: Point, end: Point, obstacles: readonly Box[], used: CornerUse = new Map()): Point[] | undefined {
  const clear = (a: Point, b: Point, boxes: readonly Box[]) => !boxes.some((o) => segmentCrossesBox(a, b, o));
  if (clear(start, end, obstacles)) return [];
  const span: Box = { x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), width: Math.abs(end.x - start.x), height: Math.abs(end.y - start.y) };
  for (const window of WINDOWS) {
    const near = window === Infinity ? obstacles : obstacles.filter((o) => boxesOverlap(o, { x: span.x - window, y: span.y - window, width: span.width + 2 * window, height: span.height + 2 * window }));
    const route = shortestRoute(start, end, near, obstacles, used);
    if (route) {
      for (const p of route) if (p.corner) used.set(p.corner, (used.get(p.corner) ?? 0) + 1);
      return route.map(({ x, y }) => ({ x, y }));
    }
  }
  return undefined;
}

/**
 * How many routes already bend at each corner (keyed by its box and which corner). A route bending
 * where others did is set SPREAD further out, so two detours round one text never share a segment
 * (which would draw two connections as one line).
 */
export type CornerUse = Map<string, number>;
const SPREAD = 4;

type Vertex = Point & { readonly corner?: string };

/** A* over the corners of `near`; a route found must also be clear of `all` (the obstacles left out). */
function shortestRoute(start: Point, end: Point, near: readonly Box[], all: readonly Box[], used: CornerUse): Vertex[] | undefined {
  const inside = (p: Point) => near.some((o) => p.x > o.x && p.x < o.x + o.width && p.y > o.y && p.y < o.y + o.height);
  const corners = near.flatMap((o): Vertex[] =>
    [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ].map(([sx, sy], k) => {
      const corner = `${o.x},${o.y},${o.width},${o.height}:${k}`;
      const out = CORNER + SPREAD * (used.get(corner) ?? 0);
      return { x: (sx! < 0 ? o.x : o.x + o.width) + sx! * out, y: (sy! < 0 ? o.y : o.y + o.height) + sy! * out, corner };
    }),
  );
  const points: Vertex[] = [start, end, ...corners.filter((c) => !inside(c))];
  const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const clear = (a: Point, b: Point) => !all.some((o) => segmentCrossesBox(a, b, o));
  const cost = new Map<number, number>([[0, 0]]);
  const previous = new Map<number, number>();
  const done = new Set<number>();
  for (;;) {
    // The open point with the lowest cost plus estimate; a handful of points, so a scan is enough.
    let current = -1;
    let best = Infinity;
    for (const [i, c] of cost) {
      if (done.has(i)) continue;
      const f = c + distance(points[i]!, end);
      if (f < best - 1e-9) [current, best] = [i, f];
    }
    if (current < 0) return undefined;
    if (current === 1) break;
    done.add(current);
    const from = points[current]!;
    points.forEach((to, i) => {
      if (done.has(i) || i === current) return;
      const c = cost.get(current)! + distance(from, to) + (i === 1 ? 0 : BEND);
      if (c >= (cost.get(i) ?? Infinity) - 1e-9 || !clear(from, to)) return;
      cost.set(i, c);
      previous.set(i, current);
    });
  }
  const route: Vertex[] = [];
  for (let i = previous.get(1)!; i !== 0; i = previous.get(i)!) route.unshift(points[i]!);
  return route;
}
