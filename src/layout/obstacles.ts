import RBush from 'rbush';
import type { Box, Point } from './types';

/**
 * What is already drawn, for placing what comes next where nothing is in its way: boxes (cells,
 * texts, badges) and lines (polylines: a curve is given as points along it). Both live in R-trees
 * (rbush), so "what is in this box's way" costs O(log n) rather than a scan of the whole diagram.
 */

/** Boxes that share area; boxes that only touch along an edge do not overlap. */
export const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The box grown by `margin` on every side. */
export const grow = (box: Box, margin: number): Box => ({ x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin });

/** The smallest box holding every box given. */
export function union(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/** Does the segment a–b pass through the inside of `box`? Touching its border is not passing through (Liang–Barsky). */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  // A hot path: clipped against the four sides in a loop, with no closure made per call.
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const ps = [-dx, dx, -dy, dy];
  const qs = [a.x - box.x, box.x + box.width - a.x, a.y - box.y, box.y + box.height - a.y];
  let t0 = 0;
  let t1 = 1;
  for (let k = 0; k < 4; k++) {
    const p = ps[k]!;
    const q = qs[k]!;
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}


interface BoxEntry {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly box: Box;
}

interface SegmentEntry {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly a: Point;
  readonly b: Point;
  /** Which line the segment belongs to. */
  readonly line: number;
}

const boxEntry = (box: Box): BoxEntry => ({ minX: box.x, minY: box.y, maxX: box.x + box.width, maxY: box.y + box.height, box });

/** Boxes, asked "does anything overlap this one?". */
export class BoxIndex {
  private readonly tree = new RBush<BoxEntry>();
  constructor(boxes: readonly Box[] = []) {
    this.tree.load(boxes.map(boxEntry));
  }
  add(box: Box): void {
    this.tree.insert(boxEntry(box));
  }
  /** rbush counts touching boxes as hits; the strict test keeps only real overlaps. */
  overlaps(box: Box): boolean {
    return this.tree.search(boxEntry(box)).some((hit) => boxesOverlap(hit.box, box));
  }
  count(box: Box): number {
    return this.tree.search(boxEntry(box)).filter((hit) => boxesOverlap(hit.box, box)).length;
  }
}

/** Lines, asked "which of them pass through this box?". */
export class LineIndex {
  private readonly tree = new RBush<SegmentEntry>();
  private lines = 0;
  add(points: readonly Point[]): number {
    const line = this.lines++;
    this.tree.load(
      points.slice(1).map((b, i) => {
        const a = points[i]!;
        return { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y), a, b, line };
      }),
    );
    return line;
  }
  /** The lines passing through the inside of `box`, each once, in the order they were added. */
  crossing(box: Box): number[] {
    const hits = this.tree.search(boxEntry(box)).filter((s) => segmentCrossesBox(s.a, s.b, box));
    return [...new Set(hits.map((s) => s.line))].sort((a, b) => a - b);
  }
  /**
   * For each line, how far it runs along the polyline `points`: collinear within `tolerance` px and
   * nearly parallel, overlapping. Drawn there, two lines read as one.
   */
  alongside(points: readonly Point[], tolerance = 1): Map<number, number> {
    const shared = new Map<number, number>();
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1]!, points[i]!];
      const near = { x: Math.min(a.x, b.x) - tolerance, y: Math.min(a.y, b.y) - tolerance, width: Math.abs(b.x - a.x) + 2 * tolerance, height: Math.abs(b.y - a.y) + 2 * tolerance };
      for (const s of this.tree.search(boxEntry(near))) {
        const length = overlapAlong(a, b, s.a, s.b, tolerance);
        if (length > 0) shared.set(s.line, (shared.get(s.line) ?? 0) + length);
      }
    }
    return shared;
  }
}

/** What a segment passes through: the ids of the cells' boxes, or BLOCKED when it passes through a box of no cell. */
const BLOCKED = null;
type SegmentCrossing = readonly string[] | typeof BLOCKED;

/** Boxes, some of them a cell's (with its id), asked "does this segment pass through any but these?". */
export class ObstacleIndex {
  private readonly tree = new RBush<BoxEntry & { readonly id?: string }>();
  /** Points given to `pointId`, by coordinates, and what each segment between two of them passes through ([from].get(to)). */
  private readonly pointIds = new Map<string, number>();
  private readonly points: Point[] = [];
  private readonly segments: Map<number, SegmentCrossing>[] = [];
  /** How many segments have been looked up in the tree: the work a router's clearance tests cost. */
  private lookups = 0;
  constructor(readonly boxes: readonly { readonly box: Box; readonly id?: string }[]) {
    this.tree.load(boxes.map(({ box, id }) => ({ ...boxEntry(box), ...(id !== undefined ? { id } : {}) })));
  }
  /** The segments looked up in the tree so far (each `crossed`, and each segment `clearBetween` had not met before). */
  get segmentLookups(): number {
    return this.lookups;
  }
  /** The boxes segment a–b passes through the inside of, leaving out those of cells in `except`. */
  crossed(a: Point, b: Point, except: ReadonlySet<string> = NONE): Box[] {
    return this.search(a, b)
      .filter((e) => !(e.id !== undefined && except.has(e.id)))
      .map((e) => e.box);
  }
  /** A number for `p`, the same for every point at its coordinates: what clearBetween takes. */
  pointId(p: Point): number {
    const key = `${p.x},${p.y}`;
    let id = this.pointIds.get(key);
    if (id === undefined) {
      id = this.points.length;
      this.points.push({ x: p.x, y: p.y });
      this.segments.push(new Map());
      this.pointIds.set(key, id);
    }
    return id;
  }
  /**
   * Does the segment from point `from` to point `to` (pointId's numbers) pass through no box but those
   * of cells in `except`? The boxes never change, so each segment is looked up in the tree once: a
   * router searching round the same corners again (a spread route, the next line round the same
   * texts) asks the same segments, hundreds of thousands of times in a dense diagram.
   */
  clearBetween(from: number, to: number, except: ReadonlySet<string> = NONE): boolean {
    const known = this.segments[from]!;
    let crossing = known.get(to);
    if (crossing === undefined) {
      const hits = this.search(this.points[from]!, this.points[to]!);
      crossing = hits.some((e) => e.id === undefined) ? BLOCKED : hits.map((e) => e.id!);
      known.set(to, crossing);
    }
    return crossing !== BLOCKED && crossing.every((id) => except.has(id));
  }
  /** The entries segment a–b passes through the inside of. */
  private search(a: Point, b: Point): (BoxEntry & { readonly id?: string })[] {
    this.lookups++;
    const found: (BoxEntry & { readonly id?: string })[] = [];
    // A hot path (every edge of a diagram drawn whole asks it): loops, no callbacks.
    for (const e of this.tree.search({ minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) } as BoxEntry))
      if (segmentCrossesBox(a, b, e.box)) found.push(e);
    return found;
  }
  /** The boxes overlapping `area`, leaving out those of cells in `except`. */
  within(area: Box, except: ReadonlySet<string> = NONE): Box[] {
    return this.tree
      .search(boxEntry(area))
      .filter((e) => !(e.id !== undefined && except.has(e.id)))
      .map((e) => e.box);
  }
}
const NONE: ReadonlySet<string> = new Set();

/** sin of the largest angle (about 2.5°) at which two lines still read as one where they meet. */
const PARALLEL = 0.045;

export function overlapAlong(p: Point, q: Point, r: Point, s: Point, tolerance: number): number {
  const length = Math.hypot(q.x - p.x, q.y - p.y);
  if (length === 0) return 0;
  const u = { x: (q.x - p.x) / length, y: (q.y - p.y) / length };
  // Lines that cross at an angle are only close near the crossing: only near-parallel ones merge.
  const other = Math.hypot(s.x - r.x, s.y - r.y);
  if (other === 0 || Math.abs((s.x - r.x) * u.y - (s.y - r.y) * u.x) / other > PARALLEL) return 0;
  // Signed distance from the line through p–q, and position along it, of a point of r–s.
  const off = (t: Point) => (t.x - p.x) * u.y - (t.y - p.y) * u.x;
  const along = (t: Point) => (t.x - p.x) * u.x + (t.y - p.y) * u.y;
  // The part of r–s (as parameters 0…1) within `tolerance` of that line: distance is linear along it.
  const [dr, ds] = [off(r), off(s)];
  let [lo, hi] = [0, 1];
  if (dr === ds) {
    if (Math.abs(dr) > tolerance) return 0;
  } else {
    const [a, b] = [(-tolerance - dr) / (ds - dr), (tolerance - dr) / (ds - dr)];
    [lo, hi] = [Math.max(0, Math.min(a, b)), Math.min(1, Math.max(a, b))];
    if (lo >= hi) return 0;
  }
  const at = (k: number) => along(r) + (along(s) - along(r)) * k;
  const [from, to] = [Math.min(at(lo), at(hi)), Math.max(at(lo), at(hi))];
  return Math.max(0, Math.min(length, to) - Math.max(0, from));
}
