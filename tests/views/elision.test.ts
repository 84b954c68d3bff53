import { describe, expect, it } from 'vitest';
import { cellId, type CellGraph, type Connection, type Group } from '../../src/graph/types';
import { DEFAULT_ELISION, describeElision, elideCells, mergeOntoEllipses } from '../../src/views/elision';
import type { DiagramEdge } from '../../src/views/types';

/** Two groups of the given sizes, the second fed by `wiring` (pairs of indices). */
function graphOf(sizes: readonly [number, number], wiring: readonly (readonly [number, number])[]): CellGraph {
  const groups: Group[] = [
    { id: 'in', label: 'in', layerClass: 'InputLayer', cellType: 'input', size: sizes[0] },
    { id: 'h', label: 'h', layerClass: 'Dense', cellType: 'hidden', size: sizes[1] },
  ];
  const cells = groups.flatMap((g) => Array.from({ length: g.size }, (_, index) => ({ id: cellId(g.id, index), group: g.id, index, type: g.cellType })));
  const connections: Connection[] = wiring.map(([i, j]) => ({ from: cellId('in', i), to: cellId('h', j), kind: 'sparse', trainable: true, directed: true }));
  return { architecture: 'toy', groups, cells, connections };
}

describe('elision', () => {
  it('draws a group of up to 12 cells whole, and one of 13 as cells 0–2, an ellipsis for 3–11, and cell 12', () => {
    const { groups, ellipses } = elideCells(graphOf([12, 13], []), DEFAULT_ELISION);
    expect(groups[0]).toMatchObject({ head: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], tail: [] });
    expect(groups[0]!.elided).toBeUndefined();
    expect(groups[1]).toMatchObject({ head: [0, 1, 2], tail: [12], elided: { first: 3, last: 11 } });
    expect([...ellipses]).toEqual(['h.3-11']);
  });

  it('elides a group by its own policy where one is given, the others by the default', () => {
    const policy = { ...DEFAULT_ELISION, groups: new Map([['h', { over: 2, head: 1, tail: 0 }]]) };
    const { groups, ellipses, drawnAs } = elideCells(graphOf([8, 8], []), policy);
    expect(groups[0]).toMatchObject({ head: [0, 1, 2, 3, 4, 5, 6, 7], tail: [] });
    expect(groups[0]!.elided).toBeUndefined();
    expect(groups[1]).toMatchObject({ head: [0], tail: [], elided: { first: 1, last: 7 } });
    expect([...ellipses]).toEqual(['h.1-7']);
    expect(drawnAs.get('h.7')).toBe('h.1-7');
    expect(drawnAs.get('in.7')).toBe('in.7');
  });

  it('refuses a group policy whose ellipsis would stand for one cell, naming the group', () => {
    const policy = { ...DEFAULT_ELISION, groups: new Map([['h', { over: 3, head: 2, tail: 1 }]]) };
    expect(() => elideCells(graphOf([2, 8], []), policy)).toThrow(/over to be an integer of at least head \+ tail \+ 1 = 4, but got 3 \(for group h\)/);
  });

  it('maps every cell to exactly one drawn node: itself, or the ellipsis whose range holds it', () => {
    const { drawnAs } = elideCells(graphOf([2, 200], []), DEFAULT_ELISION);
    expect(drawnAs.size).toBe(202);
    expect(drawnAs.get('h.2')).toBe('h.2');
    expect(drawnAs.get('h.3')).toBe('h.3-198');
    expect(drawnAs.get('h.198')).toBe('h.3-198');
    expect(drawnAs.get('h.199')).toBe('h.199');
    expect(drawnAs.get('in.1')).toBe('in.1');
  });

  it('merges the edges of an ellipsis into one per ends, kind and flags, counting them, and keeps cell-to-cell edges as they are', () => {
    const edge = (from: string, to: string, trainable = true): DiagramEdge => ({ from, to, bundle: false, kind: 'sparse', trainable, directed: true });
    const merged = mergeOntoEllipses(
      [edge('a.0', 'b.0'), edge('a.0', 'b.3-9'), edge('a.1', 'b.0'), edge('a.0', 'b.3-9'), edge('a.0', 'b.3-9', false), edge('a.0', 'b.3-9')],
      new Set(['b.3-9']),
    );
    expect(merged).toEqual([
      edge('a.0', 'b.0'),
      { ...edge('a.0', 'b.3-9'), count: 3 },
      edge('a.1', 'b.0'),
      { ...edge('a.0', 'b.3-9', false), count: 1 },
    ]);
  });

  it('says in words which cells of each elided group are drawn', () => {
    const elision = elideCells(graphOf([2, 50], []), DEFAULT_ELISION);
    expect(describeElision(elision)).toBe('Large groups are drawn in part: h shows cells 0–2 and 49, and ⋮ stands for the other 46 (3–48).');
    expect(describeElision(elideCells(graphOf([2, 3], []), DEFAULT_ELISION))).toBe('');
  });

  it('rejects a policy that would draw nothing, or elide fewer than two cells, naming the field and what it got', () => {
    const graph = graphOf([2, 3], []);
    expect(() => elideCells(graph, { over: 12, head: 0, tail: 1 })).toThrow('invalid elision policy: expected head to be a positive integer, but got 0');
    expect(() => elideCells(graph, { over: 12, head: 3, tail: -1 })).toThrow('expected tail to be a non-negative integer, but got -1');
    expect(() => elideCells(graph, { over: 4, head: 3, tail: 1 })).toThrow('expected over to be an integer of at least head + tail + 1 = 5, but got 4');
  });
});
