import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../../src/layout/layout';
import { METRICS, centredTextBox } from '../../src/layout/metrics';
import { ringRadius } from '../../src/layout/ring';
import type { Box, Point, PositionedDiagram } from '../../src/layout/types';
import { ringsOf } from '../../src/views/rings';
import type { DiagramEdge, DiagramGroup, DiagramSpec } from '../../src/views/types';
import type { CellGraph, Connection } from '../../src/graph/types';

const r = METRICS.cellRadius;

/** Every unordered pair of `ids` (and, with `others`, every pair across the two lists), undirected. */
const pairs = (ids: readonly string[], others?: readonly string[]): DiagramEdge[] =>
  others
    ? ids.flatMap((a) => others.map((b) => ({ from: a, to: b, bundle: false, kind: 'complete' as const, trainable: true, directed: false })))
    : ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ from: a, to: b, bundle: false, kind: 'complete' as const, trainable: true, directed: false })));

const group = (id: string, n: number, ring: string, label = id, caption: string[] = []): DiagramGroup => ({
  id,
  label,
  caption,
  cellType: 'backfed-input',
  members: Array.from({ length: n }, (_, i) => `${id}.${i}`),
  orientation: 'ring',
  ring,
});

const spec = (groups: DiagramGroup[], edges: DiagramEdge[]): DiagramSpec => ({
  architecture: 'test',
  view: 'cells',
  title: 'test',
  description: 'test',
  nodes: groups.flatMap((g) => g.members.map((id) => ({ id, cell: id, group: g.id, cellType: g.cellType }))),
  groups,
  edges,
});

/** The straight segments of an SVG path made of M and L commands. */
function segments(path: string): [Point, Point][] {
  const points = [...path.matchAll(/[ML]\s*(-?[\d.]+)\s+(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  return points.slice(1).map((p, i) => [points[i]!, p]);
}

const distanceToSegment = (p: Point, [a, b]: [Point, Point]): number => {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
};

const crossesBox = ([a, b]: [Point, Point], box: Box): boolean => {
  for (let k = 0; k <= 100; k++) {
    const p = { x: a.x + ((b.x - a.x) * k) / 100, y: a.y + ((b.y - a.y) * k) / 100 };
    if (p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height) return true;
  }
  return false;
};

/** What a reader would see go wrong: a line through a cell it does not join, through a header, a cell outside its box. */
function problems(diagram: PositionedDiagram): string[] {
  const found: string[] = [];
  for (const e of diagram.edges)
    for (const segment of segments(e.path))
      for (const n of diagram.nodes) {
        if (n.id === e.from || n.id === e.to) continue;
        if (distanceToSegment(n, segment) < r + 2) found.push(`${e.from}–${e.to} runs through ${n.id}`);
      }
  const headers = diagram.groups.flatMap((g) => g.header.map(centredTextBox));
  for (const e of diagram.edges) for (const segment of segments(e.path)) for (const box of headers) if (crossesBox(segment, box)) found.push(`${e.from}–${e.to} crosses a header`);
  for (const g of diagram.groups)
    for (const id of g.members) {
      const n = diagram.nodes.find((m) => m.id === id)!;
      const { x, y, width, height } = g.box;
      if (n.x - r < x || n.x + r > x + width || n.y - r < y || n.y + r > y + height) found.push(`${id} outside its box`);
    }
  return found;
}

describe('ring layout', () => {
  it('finds the smallest radius at which every chord clears every other cell', () => {
    const angles = (n: number) => Array.from({ length: n }, (_, k) => (2 * Math.PI * k) / n);
    for (const n of [3, 5, 8, 12, 20]) {
      const radius = ringRadius(angles(n));
      // The chord between a cell's two neighbours comes closest to it: R (1 − cos 2π/n) from its centre.
      expect(radius * (1 - Math.cos((2 * Math.PI) / n))).toBeGreaterThanOrEqual(r + 8 - 1e-9);
      expect(2 * radius * Math.sin(Math.PI / n)).toBeGreaterThanOrEqual(METRICS.cellPitch - 1e-9);
    }
  });

  it('draws a complete, undirected group as chords of one circle: none through a cell or a header', async () => {
    for (const n of [3, 6, 8, 10]) {
      const g = group('units', n, 'units', 'Hopfield units', ['backfed input cells, all joined symmetrically']);
      const diagram = await layoutDiagram(spec([g], pairs(g.members)));
      expect(problems(diagram)).toEqual([]);
      const centre = { x: diagram.nodes.reduce((s, c) => s + c.x, 0) / n, y: diagram.nodes.reduce((s, c) => s + c.y, 0) / n };
      const radii = diagram.nodes.map((c) => Math.hypot(c.x - centre.x, c.y - centre.y));
      for (const d of radii) expect(d).toBeCloseTo(radii[0]!, 6);
      // Cell 0 at the top.
      expect(diagram.nodes[0]!.y).toBeCloseTo(Math.min(...diagram.nodes.map((c) => c.y)), 6);
    }
  });

  it('shares one circle between two groups, each on its own arc under its own label, with no chord through a cell', async () => {
    const visible = group('visible', 4, 'visible', 'visible units', ['binary, stochastic']);
    const hidden = group('hidden', 3, 'visible', 'hidden units', ['binary, stochastic']);
    const edges = [...pairs(visible.members), ...pairs(hidden.members), ...pairs(visible.members, hidden.members)];
    const diagram = await layoutDiagram(spec([visible, hidden], edges));
    expect(problems(diagram)).toEqual([]);
    const [left, right] = [diagram.groups[0]!, diagram.groups[1]!];
    expect(left.box.x + left.box.width).toBeLessThanOrEqual(right.box.x);
    const xs = (id: string) => diagram.nodes.filter((n) => n.group === id).map((n) => n.x);
    expect(Math.max(...xs('visible'))).toBeLessThan(Math.min(...xs('hidden')));
    // The same input, the same drawing.
    expect(await layoutDiagram(spec([visible, hidden], edges))).toEqual(diagram);
  });

  it('joins a group to a ring when its cells share undirected weights without delay, and two such groups to one ring', () => {
    const cells = (id: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${id}.${i}`, group: id, index: i, type: 'hidden' as const }));
    const link = (from: string, to: string, directed = false): Connection => ({ from, to, kind: 'complete', trainable: true, directed });
    const graph = (connections: Connection[]): CellGraph => ({
      architecture: 'test',
      groups: ['v', 'h', 'x'].map((id) => ({ id, label: id, layerClass: 'Test', cellType: 'hidden', size: 2 })),
      cells: [...cells('v', 2), ...cells('h', 2), ...cells('x', 2)],
      connections,
    });
    expect(ringsOf(graph([link('v.0', 'v.1')]))).toEqual(new Map([['v', 'v']]));
    expect(ringsOf(graph([link('v.0', 'v.1'), link('h.0', 'h.1'), link('v.0', 'h.1')]))).toEqual(new Map([['v', 'v'], ['h', 'v']]));
    // Directed weights within a group are no ring (and no instantaneous cycle the graph would allow).
    expect(ringsOf(graph([link('x.0', 'x.1', true)]))).toEqual(new Map());
  });
});
