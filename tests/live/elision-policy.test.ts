/**
 * How a living view elides its groups (src/live/views.ts `livingView`): from the cell graph alone,
 * tighter than the committed diagrams' default only where a demo-sized drawing would be illegible
 * (tests/live/legibility.test.ts draws every prepared view).
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { cellId, type CellGraph, type Connection, type ConnectionKind, type Group } from '../../src/graph/types';
import { livingView } from '../../src/live/views';
import { DEFAULT_ELISION } from '../../src/views/elision';

/** How the living view of a graph elides its groups. */
const livingElision = (...args: Parameters<typeof livingView>) => livingView(...args).elision;

const architecture = registry.get('gru');

/** Groups of the given sizes; `wire` lists [from group, to group, kind] blocks, each complete (every cell to every cell). */
function graphOf(sizes: Record<string, number>, wire: readonly (readonly [string, string, ConnectionKind])[]): CellGraph {
  const groups: Group[] = Object.entries(sizes).map(([id, size]) => ({ id, label: id, layerClass: 'Dense', cellType: 'hidden', size }));
  const cells = groups.flatMap((g) => Array.from({ length: g.size }, (_, index) => ({ id: cellId(g.id, index), group: g.id, index, type: g.cellType })));
  const connections: Connection[] = wire.flatMap(([from, to, kind]) =>
    Array.from({ length: sizes[from]! * sizes[to]! }, (_, k) => ({
      from: cellId(from, Math.floor(k / sizes[to]!)),
      to: cellId(to, k % sizes[to]!),
      kind,
      ...(kind === 'attention' ? {} : { trainable: true }),
      directed: true,
    })),
  );
  return { architecture: 'toy', groups, cells, connections };
}

const policyOf = (policy: ReturnType<typeof livingElision>) =>
  Object.fromEntries([...(policy.groups ?? [])].map(([id, { over, head, tail }]) => [id, [over, head, tail]]));

describe('the elision of a living view', () => {
  it('is the default for a small feed-forward network: its 10 centres are drawn whole', () => {
    const graph = graphOf({ input: 1, rbf: 10, output: 1 }, [['input', 'rbf', 'dense'], ['rbf', 'output', 'dense']]);
    expect(livingElision(graph, architecture, 'cells')).toBe(DEFAULT_ELISION);
  });

  it('cuts every group past 6 cells of a drawing that would draw more than 600 lines, and leaves one of 600 whole', () => {
    // Ten layers of 8 fully connected in a chain: 9 × 64 = 576 lines; eleven: 640.
    const chain = (layers: number) => {
      const ids = Array.from({ length: layers }, (_, k) => `l${k}`);
      return graphOf(Object.fromEntries(ids.map((id) => [id, 8])), ids.slice(1).map((id, k) => [ids[k]!, id, 'dense'] as const));
    };
    expect(livingElision(chain(10), architecture, 'cells')).toBe(DEFAULT_ELISION);
    const heavy = policyOf(livingElision(chain(11), architecture, 'cells'));
    expect(Object.keys(heavy)).toHaveLength(11);
    expect(heavy.l0).toEqual([6, 3, 1]);
  });

  it('elides a densely recurrent group past 6 cells, and no other', () => {
    const graph = graphOf({ input: 3, memory: 8, small: 6, output: 1 }, [
      ['input', 'memory', 'dense'],
      ['memory', 'memory', 'recurrent'],
      ['memory', 'small', 'dense'],
      ['small', 'small', 'recurrent'],
      ['small', 'output', 'dense'],
    ]);
    for (const view of ['cells', 'unrolled'] as const) {
      const policy = livingElision(graph, architecture, view);
      expect(policy).toMatchObject({ over: DEFAULT_ELISION.over, head: DEFAULT_ELISION.head, tail: DEFAULT_ELISION.tail });
      expect(policyOf(policy)).toEqual({ memory: [6, 3, 1] });
    }
  });

  it('elides every group of a network that reads by attention: past 6 cells in the cells view, past 2 in the unrolled view', () => {
    const graph = graphOf({ encoder: 8, keys: 8, context: 8 }, [['encoder', 'keys', 'dense'], ['encoder', 'context', 'attention']]);
    expect(policyOf(livingElision(graph, architecture, 'cells'))).toEqual({ encoder: [6, 3, 1], keys: [6, 3, 1], context: [6, 3, 1] });
    expect(policyOf(livingElision(graph, architecture, 'unrolled'))).toEqual({ encoder: [2, 1, 0], keys: [2, 1, 0], context: [2, 1, 0] });
  });

  it('elides a reading network’s cells view to first, ⋮, last when it would still draw over 200 lines', () => {
    // 14 groups of 5, each fully wired to the next by attention: 13 × 25 = 325 lines drawn at 6, 3, 1.
    const ids = Array.from({ length: 14 }, (_, k) => `g${k}`);
    const graph = graphOf(Object.fromEntries(ids.map((id) => [id, 5])), ids.slice(1).map((id, k) => [ids[k]!, id, 'attention'] as const));
    expect(Object.values(policyOf(livingElision(graph, architecture, 'cells')))).toEqual(ids.map(() => [3, 1, 1]));
  });
});
