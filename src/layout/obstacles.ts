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
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    return t0 < t1;
  };
  return clip(-dx, a.x - box.x) && clip(dx, box.x + box.width - a.x) && clip(-dy, a.y - box.y) && clip(dy, box.y + box.height - a.y);
}

export const lineCrossesBox = (points: readonly Point[], box: Box): boolean => points.slice(1).some((p, i) => segmentCrossesBox(points[i]!, p, box));

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
}
