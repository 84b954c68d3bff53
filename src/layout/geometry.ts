import { METRICS } from './metrics';
import type { Box, Point } from './types';

/** Rounded for deterministic, compact output: a tenth of a pixel is below what anyone sees. */
export const round = (v: number): number => Math.round(v * 10) / 10;
const fmt = (p: Point) => `${round(p.x)} ${round(p.y)}`;

const sub = (a: Point, b: Point): Point => ({ x: a.x - b.x, y: a.y - b.y });
const len = (v: Point) => Math.hypot(v.x, v.y);
const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** A straight connection between two cell circles, with a vertex at its middle. */
export function straightPath(from: Point, to: Point, r: number): string {
  const d = sub(to, from);
  const l = len(d) || 1;
  const u = { x: d.x / l, y: d.y / l };
  const start = { x: from.x + u.x * r, y: from.y + u.y * r };
  const end = { x: to.x - u.x * (r + 1), y: to.y - u.y * (r + 1) };
  return `M${fmt(start)} L${fmt(lerp(start, end, 0.5))} L${fmt(end)}`;
}

/**
 * A connection between two cell circles through `via` points, straight from point to point: it
 * leaves the first circle towards the first point and enters the last from the last point.
 */
export function polylinePath(from: Point, via: readonly Point[], to: Point, r: number): string {
  if (via.length === 0) return straightPath(from, to, r);
  const towards = (a: Point, b: Point, distance: number): Point => {
    const d = sub(b, a);
    const l = len(d) || 1;
    return { x: a.x + (d.x / l) * distance, y: a.y + (d.y / l) * distance };
  };
  const start = towards(from, via[0]!, r);
  const end = towards(to, via.at(-1)!, r + 1);
  return `M${fmt(start)} ${via.map((p) => `L${fmt(p)}`).join(' ')} L${fmt(end)}`;
}

/** Where the segment from the centre of `box` towards `toward` leaves the box. */
export function boxExit(box: Box, toward: Point): Point {
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const d = sub(toward, c);
  const sx = d.x === 0 ? Infinity : box.width / 2 / Math.abs(d.x);
  const sy = d.y === 0 ? Infinity : box.height / 2 / Math.abs(d.y);
  const s = Math.min(sx, sy);
  return { x: c.x + d.x * s, y: c.y + d.y * s };
}

export const boxCentre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/**
 * How far (from the cell centre) a back-arc between cells `span` places apart bulges out of the
 * column. Even span 1 clears a self-loop's badge, and an arc of span s never shares its apex with a
 * self-loop (both can sit at the same height when s is even).
 */
export const arcReach = (span: number): number => 44 + 12 * span;
/** How far a self-loop bulges out of its cell. */
export const selfLoopReach = 20;

/**
 * A time-delayed connection between two cells of one column, drawn as a back-arc beside the column:
 * downward arcs on the right, upward on the left, so a pair i⇄j never overlaps. Returned as two
 * cubic halves so the apex is a vertex (marker-mid) and the badge can sit just outside it.
 */
export interface Loop {
  readonly path: string;
  /** The cubic's control points, for placing a badge anywhere along it. */
  readonly curve: readonly [Point, Point, Point, Point];
  /** Which side of the column the loop bulges to: 1 right, −1 left. */
  readonly side: 1 | -1;
}

export function backArc(from: Point, to: Point, r: number, span: number): Loop {
  const side: 1 | -1 = to.y > from.y ? 1 : -1;
  const vertical = Math.sign(to.y - from.y);
  // Attach points fan out with the span so arrowheads into one cell do not stack.
  const angle = (12 + 5 * span) * (Math.PI / 180);
  const start = { x: from.x + side * r * Math.cos(angle), y: from.y + vertical * r * Math.sin(angle) };
  const end = { x: to.x + side * r * Math.cos(angle), y: to.y - vertical * r * Math.sin(angle) };
  const pull = (arcReach(span) - r) / 0.75;
  const c1 = { x: start.x + side * pull, y: start.y };
  const c2 = { x: end.x + side * pull, y: end.y };
  return { path: splitCubic(start, c1, c2, end), curve: [start, c1, c2, end], side };
}

/**
 * A delayed connection between two groups of the cells view (a Neural Turing Machine's read vector at
 * t−1 into its controller): a curve that bows to the left of the way it runs, so it reads as a loop
 * through time, never as an ordinary forward line. Its apex is `bow` × the distance off the chord.
 */
export function crossArc(from: Point, to: Point, r: number, bow = 0.18): Loop {
  const d = sub(to, from);
  const length = len(d) || 1;
  const normal = { x: d.y / length, y: -d.x / length };
  const lift = (bow * length) / 0.75;
  const c1 = { x: from.x + d.x / 3 + normal.x * lift, y: from.y + d.y / 3 + normal.y * lift };
  const c2 = { x: from.x + (2 * d.x) / 3 + normal.x * lift, y: from.y + (2 * d.y) / 3 + normal.y * lift };
  const onCircle = (centre: Point, toward: Point) => {
    const v = sub(toward, centre);
    return { x: centre.x + (v.x / len(v)) * r, y: centre.y + (v.y / len(v)) * r };
  };
  const [start, end] = [onCircle(from, c1), onCircle(to, c2)];
  return { path: splitCubic(start, c1, c2, end), curve: [start, c1, c2, end], side: normal.x >= 0 ? 1 : -1 };
}

/**
 * A self-connection: a small loop on the right of the cell (`side` 1), or on its left (−1, where a
 * carried state loops beside the recurrent weight's own loop). It runs clockwise on the right and
 * anticlockwise on the left, top to bottom either way.
 */
export function selfLoop(at: Point, r: number, side: 1 | -1 = 1): Loop {
  const a = (40 * Math.PI) / 180;
  const start = { x: at.x + side * r * Math.cos(a), y: at.y - r * Math.sin(a) };
  const end = { x: at.x + side * r * Math.cos(a), y: at.y + r * Math.sin(a) };
  const pull = (side * (selfLoopReach + r) - start.x + at.x) / 0.75;
  const c1 = { x: start.x + pull, y: start.y - 14 };
  const c2 = { x: end.x + pull, y: end.y + 14 };
  return { path: splitCubic(start, c1, c2, end), curve: [start, c1, c2, end], side };
}

/**
 * Two points a little beside the straight line from one cell to another, over its middle: a carried
 * state between two steps' copies of a cell runs beside the recurrent weight joining the same two
 * cells, instead of on top of it.
 */
export function offsetWaypoints(from: Point, to: Point, offset: number): Point[] {
  const d = sub(to, from);
  const l = len(d) || 1;
  const n = { x: -d.y / l, y: d.x / l };
  // On a long line, `offset` over 0.3 of the way would leave and meet it so shallowly (under about 3°)
  // that the two ends would run together as one line: there it stands further out.
  const out = Math.sign(offset) * Math.max(Math.abs(offset), 0.3 * l * 0.05);
  const shift = (p: Point) => ({ x: p.x + n.x * out, y: p.y + n.y * out });
  return [shift(lerp(from, to, 0.3)), shift(lerp(from, to, 0.7))];
}

/** The point at parameter t of a cubic Bézier. */
export function pointOnCubic([p0, p1, p2, p3]: readonly [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
  };
}

/** De Casteljau at t = ½: the same curve as two cubics meeting at its midpoint. */
function splitCubic(p0: Point, p1: Point, p2: Point, p3: Point): string {
  const a = lerp(p0, p1, 0.5);
  const b = lerp(p1, p2, 0.5);
  const c = lerp(p2, p3, 0.5);
  const d = lerp(a, b, 0.5);
  const e = lerp(b, c, 0.5);
  const m = lerp(d, e, 0.5);
  return `M${fmt(p0)} C${fmt(a)} ${fmt(d)} ${fmt(m)} C${fmt(e)} ${fmt(c)} ${fmt(p3)}`;
}

/** Room a column needs on each side for its back-arcs, self-loops and their badges. */
export function loopRoom(spans: readonly number[]): number {
  if (spans.length === 0) return 0;
  // A loop, not Math.max(...spans): a spread of a column's every loop overflows the stack on big groups.
  const reach = spans.reduce((max, s) => Math.max(max, s === 0 ? selfLoopReach + METRICS.cellRadius : arcReach(s)), 0);
  // Room for two badges beyond the outermost loop: its own, and those of loops it encloses that have no room inside it.
  return reach - METRICS.cellRadius + 2 * METRICS.badgeWidth + 4;
}
