import { pointOnCubic, type Loop } from './geometry';
import { METRICS } from './metrics';
import { BoxIndex, LineIndex, boxesOverlap, grow } from './obstacles';
import type { Box, Point } from './types';

/**
 * Positions along a loop to try for its badge: apex first, then away from it; then the gaps between
 * those, for the crowd of loops around an ellipsis (which loops to every drawn cell of its column).
 */
const CANDIDATES = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.44, 0.56, 0.33, 0.67, 0.24, 0.76, 0.14, 0.86];
/** Positions along a straight line (a bundle) to try for its badge, middle first. */
const ALONG_LINE = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
const BADGE_H = METRICS.badgeSize + 5;
/** How close a line may pass a badge. */
export const LINE_CLEARANCE = 2;
/** What a badge a badge width out from its loop costs, in lines moved: a free place a little away beats moving a line. */
const AWAY = 0.3;
/** And per badge width further from the apex: a place three or more away costs more than moving a line. */
const AWAY_PER_STEP = 0.25;
/** Places around a loop's apex, in badge widths and heights (outward first), nearest first. */
const NEARBY: readonly (readonly [number, number])[] = [-2, -1, 0, 1, 2, 3]
  .flatMap((dx) => [-3, -2, -1, 0, 1, 2, 3].map((dy) => [dx, dy] as const))
  .filter(([dx, dy]) => dx !== 0 || dy !== 0)
  .sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]) || b[0] - a[0] || a[1] - b[1]);

/** Farther places, for a loop crowded on every side near its apex: nearest first, tried only when no nearby place is free. */
const FARTHER: readonly (readonly [number, number])[] = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]
  .flatMap((dx) => [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((dy) => [dx, dy] as const))
  .filter(([dx, dy]) => !NEARBY.some(([x, y]) => x === dx && y === dy) && (dx !== 0 || dy !== 0))
  .sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]) || b[0] - a[0] || a[1] - b[1]);

/** What is drawn before the badges: texts and lines they must not cover. */
export interface BadgeScene {
  /** Texts (group labels and captions, step titles): never covered. */
  readonly texts: readonly Box[];
  /** Lines a badge must never cover: loops, whose badges are the only way to tell them apart. */
  readonly fixedLines: readonly (readonly Point[])[];
  /**
   * Lines a badge should not cover, but may where nothing else is free: straight connections, which
   * are then routed round it (src/layout/edges.ts). Each with its cost: a bundle's detour shows more.
   */
  readonly movableLines: readonly { readonly points: readonly Point[]; readonly cost: number }[];
}

const NO_SCENE: BadgeScene = { texts: [], fixedLines: [], movableLines: [] };

export interface BadgePlacer {
  /** Where a loop's "t−1" badge goes (its centre): beside the loop, as near its apex as is free, inside `within` (its group's box). */
  loop(loop: Loop, within?: Box, ownMarker?: Box): Point;
  /** Where the badge of a straight line from `a` to `b` goes (its centre), for a badge `width` wide: beside the line, near its middle. */
  line(a: Point, b: Point, width: number): Point;
}

interface Candidate {
  readonly centre: Point;
  readonly box: Box;
  /** What being this far from its line costs, in lines moved. */
  readonly penalty: number;
}

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

const candidate = (centre: Point, width: number, penalty = 0): Candidate => ({ centre, box: { x: centre.x - width / 2, y: centre.y - BADGE_H / 2, width, height: BADGE_H }, penalty });

/**
 * Places badges without covering a cell, a text, another badge or a loop: each badge tries positions
 * along its own line — beside the apex of a loop or the middle of a bundle first, then away from it,
 * then a little farther out — and takes the first that covers nothing. Where every position covers
 * some straight connection, it takes the one that covers the fewest (those connections are then
 * routed round it), and only where even that fails does it fall back to covering a fixed-weight
 * marker, then to a badge width further out, then to the apex regardless. Deterministic: badges are
 * placed in the order asked, positions tried in a fixed order, and each try asks only what is in the
 * way, which does not depend on the order the indexes return it in.
 *
 * Taken boxes and lines live in R-trees (src/layout/obstacles.ts), so each try costs O(log n)
 * instead of a scan of every cell, line and badge placed so far (3 s at 12 k loops as a scan).
 */
export function createBadgePlacer(cells: readonly Box[], markers: readonly Box[], scene: BadgeScene = NO_SCENE): BadgePlacer {
  const taken = new BoxIndex([...cells, ...scene.texts]);
  const soft = new BoxIndex(markers);
  const fixed = new LineIndex();
  for (const points of scene.fixedLines) fixed.add(points);
  const movable = new LineIndex();
  const movableCost = scene.movableLines.map((l) => {
    movable.add(l.points);
    return l.cost;
  });
  /**
   * Infinity where the badge would cover a cell, text, badge or loop; else what it would cost to move
   * the lines it covers, plus half a line per fixed-weight marker it covers (its own loop's excepted:
   * a self-loop's badge always covers the edge of its own ◇).
   */
  const cost = (c: Candidate, own?: Box): number => {
    // Lines keep LINE_CLEARANCE from a badge: one that grazes it reads as running into it.
    const clear = grow(c.box, LINE_CLEARANCE);
    if (taken.overlaps(c.box) || fixed.crossing(clear).length > 0) return Infinity;
    const markers = soft.count(c.box) - (own && boxesOverlap(own, c.box) ? 1 : 0);
    return movable.crossing(clear).reduce((sum, line) => sum + movableCost[line]!, 0) + 0.5 * markers;
  };
  /**
   * The candidate with the lowest cost plus its own penalty for being away from its line (less than
   * moving a line for a place beside it, more for one a few badges away), the first on a tie; else
   * the first fallback on no cell, text or badge; else `last`.
   */
  const choose = (candidates: readonly Candidate[], fallbacks: readonly Candidate[], last: Candidate, own?: Box): Point => {
    let best: Candidate | undefined;
    let bestScore = Infinity;
    for (const c of candidates) {
      const score = c.penalty + cost(c, own);
      if (score < bestScore) [best, bestScore] = [c, score];
    }
    const chosen = best ?? fallbacks.find((c) => !taken.overlaps(c.box)) ?? last;
    taken.add(chosen.box);
    return chosen.centre;
  };

  return {
    loop(loop, within, ownMarker) {
      const w = METRICS.badgeWidth - 2;
      /** Beside the loop at parameter t: outside it (`side` 1), `k` badge widths further out than touching it, or inside it (−1). */
      const at = (t: number, k: number, side: 1 | -1 = 1): Candidate => {
        const p = pointOnCubic(loop.curve, t);
        return candidate({ x: p.x + side * loop.side * (w / 2 + 3 + k * (w + 2)), y: p.y }, w, k * AWAY);
      };
      // Touching the loop, outside or (between it and its column, where an arc encloses others' apexes) inside;
      // then a badge width out.
      // Last, anywhere near the apex: a grid of places around it, each the dearer the farther it is.
      const apex = at(0.5, 0).centre;
      const around = NEARBY.map(([dx, dy]) =>
        candidate({ x: apex.x + loop.side * dx * (w + 2), y: apex.y + dy * (BADGE_H + 3) }, w, AWAY + AWAY_PER_STEP * Math.hypot(dx, dy * (BADGE_H + 3) / (w + 2))),
      );
      const candidates = [...CANDIDATES.flatMap((t) => [at(t, 0), at(t, 0, -1)]), ...CANDIDATES.map((t) => at(t, 1)), ...around];
      // A badge outside its group's box would read as belonging to the next group.
      const inside = (c: Candidate) => !within || contains(within, c.box);
      // Where none is free: the nearest farther place that covers nothing, before a badge width out regardless.
      const farther = FARTHER.map(([dx, dy]) => candidate({ x: apex.x + loop.side * dx * (w + 2), y: apex.y + dy * (BADGE_H + 3) }, w))
        .filter(inside)
        .filter((c) => cost(c, ownMarker) === 0);
      return choose(candidates.filter(inside), [...farther, ...[1, 2, 3].map((k) => at(0.5, k))], at(0.5, 0), ownMarker);
    },
    line(a, b, width) {
      const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      // The normal, and how far along it the badge's centre must sit for the box to clear the line.
      const n = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
      const clearance = (Math.abs(n.x) * width + Math.abs(n.y) * BADGE_H) / 2 + 5;
      const at = (t: number, side: 1 | -1): Candidate =>
        candidate({ x: a.x + (b.x - a.x) * t + side * n.x * clearance, y: a.y + (b.y - a.y) * t + side * n.y * clearance }, width);
      // The side to the right of a line running up or down first (where badges sat before), then the other.
      const first: 1 | -1 = n.x > 0 || (n.x === 0 && n.y > 0) ? 1 : -1;
      const candidates = ALONG_LINE.flatMap((t) => [at(t, first), at(t, first === 1 ? -1 : 1)]);
      return choose(candidates, [], at(0.5, first));
    },
  };
}
