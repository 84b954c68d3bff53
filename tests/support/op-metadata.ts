import { expect } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { firstGatedLayer, opGraphOfLayer } from '../../src/network/cells/from-layer';
import { GATES, OP_NAMES, type OpGraph } from '../../src/network/cells/op-graph';
import type { SvgMetadata } from './svg-metadata';

/** The op graph the architecture's first gated layer executes (src/network/cells), read from a freshly built diagram model. */
export function executingOpGraph(architecture: AnyArchitecture): OpGraph {
  const model = architecture.build(architecture.configs.diagram);
  try {
    const layer = firstGatedLayer(model);
    if (!layer) throw new Error(`${architecture.id}: no LSTM, GRU or minimal-GRU layer`);
    return opGraphOfLayer(layer);
  } finally {
    model.dispose();
  }
}

/** What an internals SVG draws, by the README's contract: operations, terminals, and data-flow lines. */
export function drawnOps(meta: SvgMetadata) {
  const ops = new Map<string, { op: string; gate?: string }>();
  const terminals = new Map<string, { role: string; side: string; state?: string }>();
  for (const { attributes: a } of meta.nodes) {
    if (a['data-op']) ops.set(a['data-node']!, { op: a['data-op'], ...(a['data-gate'] ? { gate: a['data-gate'] } : {}) });
    else if (a['data-terminal']) terminals.set(a['data-node']!, { role: a['data-terminal'], side: a['data-side']!, ...(a['data-state'] ? { state: a['data-state'] } : {}) });
  }
  const edges = meta.edges.map((e) => `${e.attributes['data-from']} → ${e.attributes['data-to']}`);
  return { ops, terminals, edges };
}

/**
 * The drawing is the op graph: the same operations (with their op and gate), the same terminals,
 * and one line per operand of every operation and per output — no more, no fewer. Expected edges
 * are read from each node's operand list here, not through the view's code.
 */
export function expectOpGraphDrawn(meta: SvgMetadata, graph: OpGraph): void {
  const drawn = drawnOps(meta);
  expect(Object.fromEntries(drawn.ops)).toEqual(Object.fromEntries(graph.nodes.map((n) => [n.id, { op: n.op, ...(n.gate ? { gate: n.gate } : {}) }])));
  const expectedTerminals = [
    ...graph.inputs.map((i) => [i.id, { role: i.role, side: 'in', ...(i.role === 'x' ? {} : { state: i.role }) }] as const),
    ...graph.outputs.map((o) => [o.id, { role: o.role, side: 'out', state: o.role === 'output' ? 'h' : o.role }] as const),
  ];
  expect(Object.fromEntries(drawn.terminals)).toEqual(Object.fromEntries(expectedTerminals));
  const expectedEdges = [...graph.nodes.flatMap((n) => n.inputs.map((from) => `${from} → ${n.id}`)), ...graph.outputs.map((o) => `${o.from} → ${o.id}`)];
  expect([...drawn.edges].sort()).toEqual(expectedEdges.sort());
}

/** The internals view's part of the metadata contract, as problems (empty when it holds). */
export function internalsContractProblems(meta: SvgMetadata): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const { attributes: a } of meta.nodes) {
    const id = a['data-node']!;
    if (ids.has(id)) problems.push(`${id} drawn twice`);
    ids.add(id);
    if (a['data-op'] !== undefined) {
      if (!(OP_NAMES as readonly string[]).includes(a['data-op'])) problems.push(`${id}: unknown data-op "${a['data-op']}"`);
      if (a['data-gate'] !== undefined && !(GATES as readonly string[]).includes(a['data-gate'])) problems.push(`${id}: unknown data-gate "${a['data-gate']}"`);
    } else if (!['x', 'h', 'c', 'output'].includes(a['data-terminal'] ?? '')) problems.push(`${id}: neither data-op nor data-terminal`);
  }
  for (const { attributes: a } of meta.edges) {
    if (!ids.has(a['data-from']!) || !ids.has(a['data-to']!)) problems.push(`${a['data-from']} → ${a['data-to']}: an end is not drawn`);
    if (!(a['marker-end'] ?? '').endsWith('-arrow)')) problems.push(`${a['data-from']} → ${a['data-to']}: no arrowhead`);
  }
  // Every gate named in words under its nonlinearity, with the symbol the equations give its value
  // (its data-symbol, subscripts written inline: "forget gate f" + "t"), so a reader finds each term
  // of the article's equations in the drawing, not only in data-*.
  const captions = meta.elements.filter((e) => e.name === 'text' && (e.attributes.class ?? '') === 'rz-caption').map((e) => e.content);
  const plain = (symbol: string) => symbol.replace(/_\{([^}]*)\}|_(\S)/g, '$1$2');
  for (const node of meta.nodes) {
    const { 'data-gate': gate, 'data-op': op, 'data-symbol': symbol } = node.attributes;
    const named = op === 'sigmoid' || op === 'hard-sigmoid' ? `${gate} gate` : op === 'tanh' && gate === 'candidate' ? 'candidate' : undefined;
    if (!gate || !named) continue;
    if (!captions.includes(`${named} ${plain(symbol ?? '')}`)) problems.push(`gate ${gate} has no label "${named} ${plain(symbol ?? '')}"`);
  }
  for (const gate of new Set(meta.nodes.flatMap((n) => (n.attributes['data-gate'] ? [n.attributes['data-gate']] : []))))
    if (!captions.some((c) => c.startsWith(gate === 'candidate' ? 'candidate ' : `${gate} gate `))) problems.push(`gate ${gate} has no label`);
  return problems;
}
