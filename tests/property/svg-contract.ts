import { expect } from 'vitest';
import type { AnyArchitecture, View } from '../../src/architecture/types';
import { groupDigits } from '../../src/views/numbers';
import { CELL_TYPES, CONNECTION_KINDS, WEIGHTLESS_KINDS, type CellGraph, type Connection, type ConnectionKind } from '../../src/graph/types';
import { encoderDecoderPhases, storeReads } from '../../src/views/unrolled';
import { accountOf, drawnAccount, drawnAs, edgeKey, expandEdges, parseSvg } from '../support/svg-metadata';

const STEPS = ['0', '1', '2'];
/** An encoder–decoder joined only by attention is unrolled as the encoder's positions 0–2, then the decoder's steps 3–5. */
const DECODER_STEPS = ['3', '4', '5'];
const stripStep = (id: string) => id.replace(/@\d+$/, '');

/**
 * Asserts that `svg` is a well-formed diagram of `graph` meeting the README's metadata contract:
 * root attributes, every cell drawn once with its type and group, inside the picture and clear of
 * the others, every connection drawn with its kind and flags (bundles expanded), finite rounded numbers.
 */
export function expectDiagramContract(svg: string, architecture: AnyArchitecture, view: View, graph: CellGraph): void {
  const meta = parseSvg(svg); // strict XML: malformed markup throws
  expect(meta.root).toMatchObject({ 'data-architecture': architecture.id, 'data-view': view, role: 'img' });
  expect(meta.title).toContain(architecture.name);
  for (const group of graph.groups) expect(meta.desc).toContain(`${group.label} (${groupDigits(group.size)} `);

  // Problems are collected and asserted once per kind: one expect per element would cost more than
  // drawing the diagram (thousands of elements, a property run's many configs), and say no more.
  const badValues: string[] = [];
  for (const element of meta.elements)
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/NaN|Infinity|undefined/.test(value)) badValues.push(`${element.name} ${name}="${value}"`);
      // Coordinates are rounded; ids (data-*, id, class) are names, e.g. cell `hidden-1.119`.
      else if (!/^(data-|id$|class$|aria-)/.test(name) && /\d\.\d{3,}/.test(value)) badValues.push(`${element.name} ${name}="${value}" (unrounded)`);
    }
  expect(badValues, 'attribute values that are NaN, Infinity, undefined or unrounded numbers').toEqual([]);
  const [, , width, height] = (meta.root.viewBox ?? '').split(' ').map(Number);
  expect(width).toBeGreaterThan(0);
  expect(height).toBeGreaterThan(0);

  // Every cell inside the picture, none on top of another (cells are circles of radius 14 at their transform).
  const r = 14;
  const centres = meta.nodes.map((n) => {
    const [x = NaN, y = NaN] = (/matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(n.attributes.transform ?? '') ?? []).slice(1).map(Number);
    return { id: n.attributes['data-node']!, x, y };
  });
  const outside = centres.filter((c) => !(c.x - r >= 0 && c.y - r >= 0 && c.x + r <= width! && c.y + r <= height!));
  expect(outside.map((c) => `${c.id} at ${c.x},${c.y}`), `cells not inside ${width}×${height}`).toEqual([]);
  const overlapping: string[] = [];
  for (const [i, a] of centres.entries())
    for (const b of centres.slice(i + 1)) if (!(Math.hypot(a.x - b.x, a.y - b.y) >= 2 * r)) overlapping.push(`${a.id} and ${b.id}`);
  expect(overlapping, 'cells not clear of each other').toEqual([]);

  const drawn = meta.nodes.map((n) => n.attributes['data-node']!);
  expect(new Set(drawn).size, 'each cell drawn once').toBe(drawn.length);
  const phases = view === 'unrolled' ? encoderDecoderPhases(graph) : undefined;
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const stepsOf = (cell: string): readonly (string | undefined)[] =>
    view !== 'unrolled' ? [undefined] : phases && !phases[0].has(groupOf.get(cell)!) ? DECODER_STEPS : STEPS;
  // Every cell is drawn or stood for by an ellipsis (a group of more than 12 cells), exactly once.
  const shown = drawnAs(meta);
  expect([...shown.keys()].sort()).toEqual(graph.cells.flatMap((c) => stepsOf(c.id).map((s) => (s === undefined ? c.id : `${c.id}@${s}`))).sort());
  const typeOf = new Map(graph.cells.map((c) => [c.id, c.type]));
  const badNodes: string[] = [];
  for (const node of meta.nodes) {
    const a = node.attributes;
    const id = a['data-node']!;
    if (!(CELL_TYPES as readonly (string | undefined)[]).includes(a['data-cell'])) badNodes.push(`${id}: data-cell "${a['data-cell']}" is no cell type`);
    if (a['data-cell'] !== typeOf.get(stripStep(id))) badNodes.push(`${id}: data-cell "${a['data-cell']}", the graph says ${typeOf.get(stripStep(id))}`);
    if (!a['data-group']) badNodes.push(`${id}: no data-group`);
    if (view === 'unrolled' && !stepsOf(stripStep(id)).includes(a['data-step'])) badNodes.push(`${id}: data-step "${a['data-step']}" is not one of its steps`);
  }
  expect(badNodes, 'cells whose type, group or step is wrong').toEqual([]);

  const TRUE_FALSE: readonly (string | undefined)[] = ['true', 'false'];
  const badEdges: string[] = [];
  for (const edge of meta.edges) {
    const a = edge.attributes;
    const what = `${a['data-from']} → ${a['data-to']} (${a['data-kind']})`;
    if (!(CONNECTION_KINDS as readonly (string | undefined)[]).includes(a['data-kind'])) badEdges.push(`${what}: no connection kind`);
    // A weight is trained or fixed; a weightless dependency carries no such flag.
    if (WEIGHTLESS_KINDS.has(a['data-kind'] as ConnectionKind)) {
      if (a['data-trainable'] !== undefined) badEdges.push(`${what}: a weightless dependency with data-trainable`);
    } else if (!TRUE_FALSE.includes(a['data-trainable'])) badEdges.push(`${what}: data-trainable "${a['data-trainable']}"`);
    if (!TRUE_FALSE.includes(a['data-directed'])) badEdges.push(`${what}: data-directed "${a['data-directed']}"`);
  }
  expect(badEdges, 'connections whose kind or flags are wrong').toEqual([]);
  const expanded = expandEdges(meta);
  const ends = new Set([...drawn, ...meta.ellipses.map((e) => e.attributes['data-ellipsis']!)]);
  const loose = expanded.filter((e) => !((ends.has(e.from) || shown.has(e.from)) && (ends.has(e.to) || shown.has(e.to))));
  expect(loose.map((e) => `${e.from} → ${e.to}`), 'connections that do not join drawn ends').toEqual([]);
  // Cells view: each weight once. Unrolled: at each of 3 steps, delayed ones between the 2 step pairs,
  // attention reads from each of 3 steps into each of 3 (README, "Attention reads").
  // A read or write of a store written step by step (an NTM's memory) keeps to its step (storeReads).
  // A causally masked read (a Transformer decoder's) joins a step only to itself and later steps: 6 of the 9.
  const UNROLLED_TIMES: Partial<Record<string, number>> = { recurrent: 2, carry: 2, attention: 9 };
  const readsStore = storeReads(graph);
  const times = (c: Pick<Connection, 'kind' | 'from' | 'to' | 'causal'>) => (view !== 'unrolled' ? 1 : readsStore(c) ? 3 : c.causal ? 6 : (UNROLLED_TIMES[c.kind] ?? 3));
  if (meta.ellipses.length > 0) {
    // Elided: the contract's accounting (tests/support/svg-metadata.ts) in the cells view; totals per kind when unrolled.
    if (view === 'cells') expect(drawnAccount(meta)).toEqual(accountOf(meta, graph.connections));
    const total = (kind: string) => expanded.filter((e) => e.kind === kind).reduce((n, e) => n + e.count, 0);
    for (const kind of new Set(graph.connections.map((c) => c.kind)))
      expect(total(kind), kind).toBe(graph.connections.filter((c) => c.kind === kind).reduce((n, c) => n + times(c), 0));
    return;
  }
  const counts = new Map<string, number>();
  for (const e of expanded) {
    const key = edgeKey({ ...e, from: stripStep(e.from), to: stripStep(e.to) });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(graph.connections.map((c) => [edgeKey(c), times(c)])));
}
