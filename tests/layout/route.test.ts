import RBush from 'rbush';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceNetwork } from '../../src/graph/trace';
import { layoutDiagram } from '../../src/layout/layout';
import { ObstacleIndex, segmentCrossesBox } from '../../src/layout/obstacles';
import { routeAround, type CornerUse } from '../../src/layout/route';
import type { Box, Point } from '../../src/layout/types';
import { cellsView } from '../../src/views/cells';
import attention from '../../src/zoo/attention-network';

/**
 * Routing's cost in what it does, not in time: how many segments it looks up in the obstacles'
 * R-tree. Each lookup is one RBush search (ObstacleIndex, LineIndex and BoxIndex all search RBush).
 */
function countLookups(): { readonly count: () => number } {
  const search = vi.spyOn(RBush.prototype, 'search');
  return { count: () => search.mock.calls.length };
}

afterEach(() => vi.restoreAllMocks());

/**
 * A wall of boxes (a column of cells with no gaps a line could pass) between start and end, with
 * texts scattered on either side: no one-bend route passes, so the visibility graph is searched.
 */
function scene(): { obstacles: ObstacleIndex; start: Point; end: Point } {
  const wall: Box[] = Array.from({ length: 12 }, (_, k) => ({ x: 200, y: 40 * k, width: 30, height: 41 }));
  const texts: Box[] = Array.from({ length: 24 }, (_, k) => ({ x: 40 + 30 * (k % 4) + (k % 7) * 3, y: 30 + 19 * k, width: 24, height: 12 }));
  const more = texts.map((t) => ({ ...t, x: t.x + 240 }));
  return {
    obstacles: new ObstacleIndex([...wall, ...texts, ...more].map((box) => ({ box }))),
    start: { x: 20, y: 240 },
    end: { x: 420, y: 250 },
  };
}

const request = (obstacles: ObstacleIndex, start: Point, end: Point, used: CornerUse = new Map()) => ({
  start,
  end,
  obstacles,
  except: new Set<string>(),
  used,
  acceptable: () => true,
  budget: { searches: 10, tests: 1_000_000 },
});

describe('routeAround', () => {
  it('finds a clear way round a wall by the visibility graph', () => {
    const { obstacles, start, end } = scene();
    const route = routeAround(request(obstacles, start, end))!;
    expect(route.length).toBeGreaterThan(1);
    const line = [start, ...route, end];
    for (let k = 1; k < line.length; k++) for (const { box } of obstacles.boxes) expect(segmentCrossesBox(line[k - 1]!, line[k]!, box)).toBe(false);
  });

  it('looks each segment up once: a second search round the same corners looks up none again', () => {
    const { obstacles, start, end } = scene();
    const lookups = countLookups();
    const first = routeAround(request(obstacles, start, end));
    const once = lookups.count();
    const again = routeAround(request(obstacles, start, end));
    expect(again).toEqual(first);
    // The first search looked up hundreds of segments (each corner's view of the others)…
    expect(once).toBeGreaterThan(100);
    // …and the second asks the same ones: only the straight line and the one-bend tries, which go to the tree directly.
    expect(lookups.count() - once).toBeLessThan(once / 10);
  });

  it('makes no more clearance tests than its budget allows (and one search under way)', () => {
    const { obstacles, start, end } = scene();
    const budget = { searches: 100, tests: 50 };
    routeAround({ ...request(obstacles, start, end), budget });
    // One search was begun with 50 tests left, and none after it: the budget is spent.
    expect(budget.tests).toBeLessThanOrEqual(0);
    expect(budget.searches).toBe(99);
  });
});

describe('laying out a dense diagram', () => {
  it('routes the attention network’s demo-sized cells view (57 cells, 347 lines) with a bounded number of segment lookups', () => {
    const model = attention.build(attention.configs.demo!);
    try {
      const spec = cellsView(traceNetwork(model, attention.id).graph, attention);
      // As dense as when it took 34 s: 57 cells and 347 lines.
      expect(spec.nodes.length).toBeGreaterThanOrEqual(57);
      expect(spec.edges.length).toBeGreaterThanOrEqual(347);
      const lookups = countLookups();
      layoutDiagram(spec);
      // Searching the visibility graph tested each candidate segment against the R-tree anew, in every
      // search: over 20 million lookups (34 s). Each segment is now looked up once per diagram, and the
      // searches stop at a budget of clearance tests.
      // (160,000 now, including the badges' and lines' own indexes.)
      expect(lookups.count()).toBeLessThan(1_000_000);
    } finally {
      model.dispose();
    }
  });
});
