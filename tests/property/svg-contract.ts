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

  for (const element of meta.elements)
    for (const [name, value] of Object.entries(element.attributes)) {
      expect(value, `${element.name} ${name}`).not.toMatch(/NaN|Infinity|undefined/);
      // Coordinates are rounded; ids (data-*, id, class) are names, e.g. cell `hidden-1.119`.
      if (!/^(data-|id$|class$|aria-)/.test(name)) expect(value, `${element.name} ${name}`).not.toMatch(/\d\.\d{3,}/);
    }
  const [, , width, height] = (meta.root.viewBox ?? '').split(' ').map(Number);
  expect(width).toBeGreaterThan(0);
  expect(height).toBeGreaterThan(0);

  // Every cell inside the picture, none on top of another (cells are circles of radius 14 at their transform).
  const r = 14;
  const centres = meta.nodes.map((n) => {
    const [x = NaN, y = NaN] = (/matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(n.attributes.transform ?? '') ?? []).slice(1).map(Number);
    return { id: n.attributes['data-node']!, x, y };
  });
  for (const c of centres) {
    expect(c.x - r >= 0 && c.y - r >= 0 && c.x + r <= width! && c.y + r <= height!, `${c.id} at ${c.x},${c.y} inside ${width}×${height}`).toBe(true);
  }
  for (const [i, a] of centres.entries())
    for (const b of centres.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y) >= 2 * r, `${a.id} clear of ${b.id}`).toBe(true);

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
  for (const node of meta.nodes) {
    const a = node.attributes;
    expect(CELL_TYPES).toContain(a['data-cell']);
    expect(a['data-cell']).toBe(typeOf.get(stripStep(a['data-node']!)));
    expect(a['data-group']).toBeTruthy();
    if (view === 'unrolled') expect(stepsOf(stripStep(a['data-node']!))).toContain(a['data-step']);
  }

  for (const edge of meta.edges) {
    const a = edge.attributes;
    expect(CONNECTION_KINDS).toContain(a['data-kind']);
    // A weight is trained or fixed; a weightless dependency carries no such flag.
    if (WEIGHTLESS_KINDS.has(a['data-kind'] as ConnectionKind)) expect(a['data-trainable']).toBeUndefined();
    else expect(['true', 'false']).toContain(a['data-trainable']);
    expect(['true', 'false']).toContain(a['data-directed']);
  }
  const expanded = expandEdges(meta);
  const ends = new Set([...drawn, ...meta.ellipses.map((e) => e.attributes['data-ellipsis']!)]);
  for (const e of expanded) expect((ends.has(e.from) || shown.has(e.from)) && (ends.has(e.to) || shown.has(e.to)), `${e.from} → ${e.to} joins drawn ends`).toBe(true);
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
