import { pointOnCubic, type Loop } from './geometry';
import { METRICS } from './metrics';
import type { Box, Point } from './types';

/** Positions along a loop to try for its badge, apex first. */
const CANDIDATES = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];
const BADGE_H = METRICS.badgeSize + 5;

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Places "t−1" badges beside their loops without covering one another or a cell: each badge slides
 * along its own loop, away from the apex, until it finds free room. Deterministic: edges are
 * visited in order and candidates tried in a fixed order.
 */
export function createBadgePlacer(obstacles: readonly Box[]): (loop: Loop) => Point {
  const taken: Box[] = [...obstacles];
  return (loop) => {
    const w = METRICS.badgeWidth - 2;
    const at = (t: number): { centre: Point; box: Box } => {
      const p = pointOnCubic(loop.curve, t);
      const centre = { x: p.x + loop.side * (w / 2 + 3), y: p.y };
      return { centre, box: { x: centre.x - w / 2, y: centre.y - BADGE_H / 2, width: w, height: BADGE_H } };
    };
    const free = CANDIDATES.map(at).find((c) => !taken.some((b) => overlaps(b, c.box))) ?? at(0.5);
    taken.push(free.box);
    return free.centre;
  };
}
