import { describe, expect, it } from 'vitest';
import { createBadgePlacer } from '../../src/layout/badges';
import { backArc, boxExit, pointOnCubic, selfLoop, straightPath } from '../../src/layout/geometry';
import { METRICS } from '../../src/layout/metrics';

describe('layout geometry', () => {
  it('starts and ends a straight connection on the two cell circles, with a vertex in the middle', () => {
    expect(straightPath({ x: 0, y: 0 }, { x: 100, y: 0 }, 10)).toBe('M10 0 L49.5 0 L89 0');
  });

  it('leaves a box where the line towards a point crosses its border', () => {
    const box = { x: 0, y: 0, width: 100, height: 40 };
    expect(boxExit(box, { x: 50, y: 200 })).toEqual({ x: 50, y: 40 });
    expect(boxExit(box, { x: 300, y: 20 })).toEqual({ x: 100, y: 20 });
  });

  it('bulges a downward back-arc to the right and an upward one to the left, never crossing the column', () => {
    const down = backArc({ x: 0, y: 0 }, { x: 0, y: 92 }, 14, 2);
    const up = backArc({ x: 0, y: 92 }, { x: 0, y: 0 }, 14, 2);
    expect(down.side).toBe(1);
    expect(up.side).toBe(-1);
    expect(pointOnCubic(down.curve, 0.5).x).toBeGreaterThan(14);
    expect(pointOnCubic(up.curve, 0.5).x).toBeLessThan(-14);
  });

  it('draws a self-loop outside its own cell', () => {
    const loop = selfLoop({ x: 0, y: 0 }, 14);
    const apex = pointOnCubic(loop.curve, 0.5);
    expect(Math.hypot(apex.x, apex.y)).toBeGreaterThan(14);
  });
});

describe('badge placement', () => {
  it('never puts two t−1 badges on top of each other, nor on a cell', () => {
    const cells = Array.from({ length: 6 }, (_, i) => ({ x: 0, y: i * METRICS.cellPitch }));
    const placer = createBadgePlacer(cells.map((c) => ({ x: c.x - 14, y: c.y - 14, width: 28, height: 28 })), []);
    const loops = cells.flatMap((from, i) => cells.map((to, j) => (i === j ? selfLoop(from, 14) : backArc(from, to, 14, Math.abs(i - j)))));
    const w = METRICS.badgeWidth - 2;
    const h = METRICS.badgeSize + 5;
    const boxes = loops.map((loop) => placer.loop(loop)).map((p) => ({ x: p.x - w / 2, y: p.y - h / 2 }));
    const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => Math.abs(a.x - b.x) < w && Math.abs(a.y - b.y) < h));
    // 36 loops on 6 cells is denser than any diagram we draw; a few may have to share, most may not.
    expect(overlapping.length).toBeLessThan(loops.length / 6);
    for (const b of boxes) for (const c of cells) expect(Math.abs(b.x + w / 2 - c.x) >= w / 2 + 14 || Math.abs(b.y + h / 2 - c.y) >= h / 2 + 14).toBe(true);
  });
});
