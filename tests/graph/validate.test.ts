import { describe, expect, it } from 'vitest';
import type { CellGraph } from '../../src/graph/types';
import { GraphError, graphProblems, validateGraph } from '../../src/graph/validate';

const base: CellGraph = {
  architecture: 'toy',
  groups: [
    { id: 'in', label: 'in', layerClass: 'InputLayer', cellType: 'input', size: 1 },
    { id: 'h', label: 'h', layerClass: 'Dense', cellType: 'hidden', size: 2 },
  ],
  cells: [
    { id: 'in.0', group: 'in', index: 0, type: 'input' },
    { id: 'h.0', group: 'h', index: 0, type: 'hidden' },
    { id: 'h.1', group: 'h', index: 1, type: 'hidden' },
  ],
  connections: [
    { from: 'in.0', to: 'h.0', kind: 'dense', trainable: true, directed: true },
    { from: 'in.0', to: 'h.1', kind: 'dense', trainable: true, directed: true },
  ],
};

describe('graph validation', () => {
  it('accepts a sound graph', () => {
    expect(validateGraph(base)).toBe(base);
  });

  it('collects every problem: missing cells, bad kinds, undirected recurrence, duplicates', () => {
    const graph: CellGraph = {
      ...base,
      connections: [
        ...base.connections,
        { from: 'in.0', to: 'h.9', kind: 'dense', trainable: true, directed: true },
        { from: 'h.0', to: 'h.1', kind: 'sideways' as never, trainable: true, directed: true },
        { from: 'h.1', to: 'h.1', kind: 'recurrent', trainable: true, directed: false },
        { from: 'in.0', to: 'h.0', kind: 'dense', trainable: true, directed: true },
      ],
    };
    expect(graphProblems(graph)).toEqual([
      'connection 2 (in.0 → h.9): missing cell: "h.9"',
      'connection 3 (h.0 → h.1): invalid kind: "sideways"',
      'connection 4 (h.1 → h.1): a recurrent connection must be directed',
      'connection 5 (in.0 → h.0): duplicate connection',
    ]);
  });

  it('rejects a cycle of connections without a time delay, and allows it through a recurrent one', () => {
    const cyclic: CellGraph = {
      ...base,
      connections: [...base.connections, { from: 'h.0', to: 'h.1', kind: 'dense', trainable: true, directed: true }, { from: 'h.1', to: 'h.0', kind: 'dense', trainable: true, directed: true }],
    };
    expect(() => validateGraph(cyclic)).toThrow(GraphError);
    expect(graphProblems(cyclic)).toEqual(['cycle without time delay: h.0 → h.1 → h.0']);
    const delayed: CellGraph = { ...cyclic, connections: cyclic.connections.map((c) => (c.from === 'h.1' && c.to === 'h.0' ? { ...c, kind: 'recurrent' } : c)) };
    expect(graphProblems(delayed)).toEqual([]);
  });

  it('checks that groups declare as many cells as they have', () => {
    const graph: CellGraph = { ...base, groups: base.groups.map((g) => (g.id === 'h' ? { ...g, size: 3 } : g)) };
    expect(graphProblems(graph)).toEqual(['group "h": declares 3 cells but has 2']);
  });
});
