import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceModel } from '../../src/graph/trace';
import { DELAYED_KINDS, WEIGHTLESS_KINDS, type ConnectionKind } from '../../src/graph/types';
import { generateSvg, isCellGraphView } from '../../src/pipeline';
import { DEFAULT_ELISION } from '../../src/views/elision';
import { storeReads } from '../../src/views/unrolled';
import { countNonzero, equivalentMatrix, isLocalLayer } from '../support/equivalent-connectivity';
import { executingOpGraph, expectOpGraphDrawn, internalsContractProblems } from '../support/op-metadata';
import { legibilityProblems } from '../support/diagram-geometry';
import { accountOf, drawnAccount, drawnWeights, edgeKey, expandEdges, groupCells, parseSvg, type SvgMetadata } from '../support/svg-metadata';

const readDiagram = (id: string, view: string) => readFileSync(new URL(`../../diagrams/${id}.${view}.svg`, import.meta.url), 'utf8');

/** Weights a unit measures its distance to: there a coordinate of 0 still connects (layer class/weight). */
const DISTANCE_WEIGHTS = new Set(['RadialBasis/centres', 'SelfOrganisingMap/prototypes']);

/**
 * Gated recurrent layers (layer class → gates): their kernels hold one block of columns per gate,
 * side by side, and a cell pair's weights in all gates form one `1×gates` connection.
 */
// RNN: tfjs's generic recurrent layer, which we only ever run with a MinimalGruCell (forget gate and
// candidate; src/graph/tracers/rnn.ts refuses any other cell).
const GATE_BLOCKS: Readonly<Record<string, number>> = { LSTM: 4, GRU: 3, RNN: 2 };

/**
 * Row-major `[rows, gates·units]` values: how many (row, unit) pairs have a nonzero weight in at
 * least one gate block (column g·units + unit). Such a pair is drawn with all its gate weights.
 */
function nonzeroGateBlocks(values: Float32Array, columns: number, gates: number): number {
  const units = columns / gates;
  let blocks = 0;
  for (let row = 0; row < values.length / columns; row++)
    for (let unit = 0; unit < units; unit++)
      if (Array.from({ length: gates }, (_, g) => values[row * columns + g * units + unit]).some((w) => w !== 0)) blocks++;
  return blocks;
}

/**
 * The connections the model's weights make, read straight off the model, split by trainability:
 * each nonzero entry of a weight variable of rank ≥ 2 (matrices, and the rank-4 capsule
 * transformation W_ij; biases and widths connect no two cells), except in a gated recurrent layer,
 * where each cell pair with a nonzero weight in any gate counts all its gates (GATE_BLOCKS: the
 * pair's one line stands for that 1×gates block); every entry of a distance weight; and for a
 * convolution the nonzeros of its equivalent dense matrix, measured by probing (a kernel tap used at
 * six positions is six connections). Layers without weights (pooling, identity skips, sampling,
 * attention reads) make no weights: what they make is checked by tests/zoo/dependencies.test.ts.
 */
function connectionWeights(model: tf.LayersModel): { trained: number; fixed: number } {
  const counts = { trained: 0, fixed: 0 };
  for (const layer of model.layers) {
    if (isLocalLayer(layer)) {
      if (layer.weights.length === 0) continue;
      const trained = layer.trainable && layer.trainableWeights.some((w) => w.originalName.endsWith('/kernel'));
      counts[trained ? 'trained' : 'fixed'] += countNonzero(equivalentMatrix(layer));
      continue;
    }
    // A Bidirectional wrapper holds two copies of one layer class: its weights are that class's, twice.
    const wrapped = 'forwardLayer' in layer ? (layer.forwardLayer as tf.layers.Layer).getClassName() : layer.getClassName();
    const gates = GATE_BLOCKS[wrapped];
    for (const variable of layer.weights) {
      if (variable.shape.length < 2) continue;
      const values = variable.read().dataSync() as Float32Array;
      if (gates) {
        counts[layer.trainable && variable.trainable ? 'trained' : 'fixed'] += gates * nonzeroGateBlocks(values, variable.shape[1]!, gates);
        continue;
      }
      const distance = DISTANCE_WEIGHTS.has(`${layer.getClassName()}/${variable.originalName.split('/').at(-1)}`);
      counts[layer.trainable && variable.trainable ? 'trained' : 'fixed'] += distance ? values.length : values.filter((w) => w !== 0).length;
    }
  }
  return counts;
}
const stripStep = (id: string) => id.replace(/@\d+$/, '');

/** Kinds drawn as loops through time (a recurrent weight, a carried state), as the contract names them. */
const DELAYED: ReadonlySet<string> = DELAYED_KINDS;

/**
 * Problems with how connections are stroked: loops for delays (with a badge each naming the step the
 * state comes from: t−1, or t+1 where data-delay="-1"), ◇ on fixed weights, arrows or dots by direction.
 */
function strokeProblems(svg: SvgMetadata): string[] {
  const problems: string[] = [];
  const recurrent = svg.edges.filter((e) => DELAYED.has(e.attributes['data-kind']!));
  for (const [text, delay] of [['t−1', undefined], ['t+1', '-1']] as const) {
    const badges = svg.elements.filter((e) => e.name === 'text' && e.text === text && !e.ancestorClasses.includes('rz-legend'));
    const delayed = recurrent.filter((e) => e.attributes['data-delay'] === delay);
    if (badges.length !== delayed.length) problems.push(`${badges.length} ${text} badges for ${delayed.length} connections from ${text}`);
  }
  for (const edge of svg.edges) {
    const a = edge.attributes;
    const where = `${a['data-from']} → ${a['data-to']}`;
    // A curve (C) for a loop through time, a straight line for everything else.
    if (a.d!.includes('C') !== DELAYED.has(a['data-kind']!)) problems.push(`${where}: ${a.d!.includes('C') ? 'curved' : 'straight'} as ${a['data-kind']}`);
    // ◇ on a fixed weight, ⊗ on a line scaled by a coefficient computed per input, nothing else mid-line.
    const mid = a['marker-mid'] ?? '';
    if (/-fixed\)$/.test(mid) !== (a['data-trainable'] === 'false')) problems.push(`${where}: fixed-weight marker does not match data-trainable`);
    if (/-scaled\)$/.test(mid) !== 'data-scaled-by' in a) problems.push(`${where}: scaled marker does not match data-scaled-by`);
    if (mid && !/-(fixed|scaled)\)$/.test(mid)) problems.push(`${where}: unknown mid-line marker ${mid}`);
    // A weight says whether it is trained; a weightless dependency has nothing to say.
    if (WEIGHTLESS_KINDS.has(a['data-kind'] as ConnectionKind) === 'data-trainable' in a) problems.push(`${where}: data-trainable on a ${a['data-kind']} connection`);
    if (!(a['data-directed'] === 'true' ? /-arrow\)$/ : /-undirected\)$/).test(a['marker-end'] ?? '')) problems.push(`${where}: end marker does not match data-directed`);
  }
  return problems;
}

/** Problems with placement: a cell or ellipsis outside the picture, two of them overlapping, a badge on a cell or a badge. */
function placementProblems(svg: SvgMetadata): string[] {
  const problems: string[] = [];
  const [, , width, height] = svg.root.viewBox!.split(' ').map(Number);
  const r = 14;
  const centres = [...svg.nodes, ...svg.ellipses].map((n) => {
    const [x, y] = /matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(n.attributes.transform!)!.slice(1).map(Number);
    return { id: n.attributes['data-node'] ?? n.attributes['data-ellipsis'], x: x!, y: y! };
  });
  for (const c of centres)
    if (c.x - r < 0 || c.y - r < 0 || c.x + r > width! || c.y + r > height!) problems.push(`${c.id} at ${c.x},${c.y} outside ${width}×${height}`);
  for (const [i, a] of centres.entries())
    for (const b of centres.slice(i + 1)) if (Math.hypot(a.x - b.x, a.y - b.y) < 2 * r) problems.push(`${a.id} overlaps ${b.id}`);
  // Badges (t−1, m×n) cover neither a cell nor one another.
  const badges = svg.elements
    .filter((e) => e.name === 'rect' && e.ancestorClasses.includes('rz-badge') && !e.ancestorClasses.includes('rz-legend'))
    .map((e) => ({ x: Number(e.attributes.x), y: Number(e.attributes.y), w: Number(e.attributes.width), h: Number(e.attributes.height) }));
  for (const [i, a] of badges.entries()) {
    for (const b of badges.slice(i + 1))
      if (!(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y)) problems.push(`badges at ${a.x},${a.y} and ${b.x},${b.y}`);
    for (const c of centres)
      if (!(a.x + a.w <= c.x - r || c.x + r <= a.x || a.y + a.h <= c.y - r || c.y + r <= a.y)) problems.push(`badge at ${a.x},${a.y} on ${c.id}`);
  }
  return problems;
}

describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s', (id, architecture) => {
  const model = architecture.build(architecture.configs.diagram);
  // The views drawn from the cell graph; the layers views have their own contract (tests/views/layers-contract.test.ts).
  const cellViews = architecture.views.filter(isCellGraphView);
  const traced = cellViews.length > 0 ? traceModel(model, id) : undefined;

  it('builds a network whose forward pass has the declared shapes', () => {
    for (const config of [architecture.configs.diagram, architecture.configs.demo].filter(Boolean)) {
      const net = config === architecture.configs.diagram ? model : architecture.build(config);
      const { input, output, moreInputs = [] } = architecture.shapes(config);
      const inputs = [input, ...moreInputs].map((shape, k) => tf.randomNormal([3, ...shape], 0, 1, 'float32', 1 + k));
      const result = tf.tidy(() => (net.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor).shape);
      tf.dispose(inputs);
      expect(result).toEqual([3, ...output]);
      if (net !== model) net.dispose();
    }
  });

  it.each(architecture.views.map((v) => [v]))('has a fresh, deterministic %s diagram', async (view) => {
    const committed = readDiagram(id, view);
    expect(await generateSvg(architecture, view)).toBe(committed);
  });

  it.each(cellViews.map((v) => [v]))('labels its %s diagram with the metadata contract', (view) => {
    const svg = parseSvg(readDiagram(id, view));
    expect(svg.root).toMatchObject({ 'data-architecture': id, 'data-view': view, role: 'img' });
    expect(svg.title).toContain(architecture.name);
    for (const group of traced!.groups) expect(svg.desc).toContain(`${group.label} (${group.size} `);
    const typeOf = new Map(traced!.cells.map((c) => [c.id, c.type]));
    for (const node of svg.nodes) {
      const cell = stripStep(node.attributes['data-node']!);
      expect(node.attributes['data-cell'], cell).toBe(typeOf.get(cell));
      expect(node.attributes['data-group']).toBeTruthy();
      if (view === 'unrolled') expect(node.attributes['data-step']).toMatch(/^\d+$/);
    }
    expect(new Set(svg.nodes.map((n) => n.attributes['data-node'])).size).toBe(svg.nodes.length);
    // Rounded coordinates: no float noise in any attribute.
    for (const element of svg.elements)
      for (const [name, value] of Object.entries(element.attributes)) expect(value, `${element.name} ${name}`).not.toMatch(/\d\.\d{3,}/);
  });

  // Registered only where the view exists. The internals view draws operations, not cells: its
  // contract is tests/support/op-metadata.ts, and its lines are the op graph that executes
  // (tests/network/cells/op-traced!.test.ts checks that graph against tfjs's own layer).
  if (architecture.views.includes('internals'))
    it('draws, in its internals diagram, exactly the op graph its first gated layer executes, with every gate labelled', () => {
      const svg = parseSvg(readDiagram(id, 'internals'));
      expect(svg.root).toMatchObject({ 'data-architecture': id, 'data-view': 'internals', role: 'img' });
      expect(svg.title).toContain(architecture.name);
      expect(internalsContractProblems(svg)).toEqual([]);
      expectOpGraphDrawn(svg, executingOpGraph(architecture));
    });

  if (architecture.views.includes('cells'))
    it('draws delayed connections as loops with a t−1 (or, backward in time, t+1) badge, and marks every fixed weight', () => {
      expect(strokeProblems(parseSvg(readDiagram(id, 'cells')))).toEqual([]);
    });

  it.each(cellViews.map((v) => [v]))('fits every cell of its %s diagram inside the picture without overlap', (view) => {
    expect(placementProblems(parseSvg(readDiagram(id, view)))).toEqual([]);
  });

  if (architecture.views.includes('cells'))
  it('draws, in its cells diagram, exactly the nonzero weights of the network with their flags', () => {
    const svg = parseSvg(readDiagram(id, 'cells'));
    // The diagram configuration is small: every cell is drawn, so every element is one weight.
    expect(svg.ellipses).toEqual([]);
    const drawn = expandEdges(svg);
    const keys = traced!.connections.map((c) => edgeKey(c));
    expect(drawn.map(edgeKey).sort()).toEqual([...keys].sort());
    expect(drawnAccount(svg)).toEqual(accountOf(svg, traced!.connections));
    // A matrix-valued connection (data-weights="rows×cols") accounts for rows × cols weights.
    const weights = connectionWeights(model);
    const sum = (edges: typeof drawn) => edges.reduce((total, e) => total + drawnWeights(e), 0);
    expect(sum(drawn.filter((e) => e.trainable === true))).toBe(weights.trained);
    expect(sum(drawn.filter((e) => e.trainable === false))).toBe(weights.fixed);
  });

  // Registered only where the view exists, so no architecture reports a skipped test.
  if (architecture.views.includes('unrolled'))
    it('draws, in its unrolled diagram, every connection at every step and every delayed one between steps',
    () => {
      const drawn = expandEdges(parseSvg(readDiagram(id, 'unrolled')));
      const readsStore = storeReads(traced!);
      const count = new Map<string, number>();
      for (const e of drawn) {
        const key = edgeKey({ ...e, from: stripStep(e.from), to: stripStep(e.to) });
        count.set(key, (count.get(key) ?? 0) + 1);
        const [s, t] = [Number(e.from.split('@')[1]), Number(e.to.split('@')[1])];
        // An attention read joins every step to every step (counted 3 × 3 below); a recurrent weight spans one
        // step: forward (k → k+1), or backward in time (k+1 → k) with data-delay="-1"; the rest keep to one step.
        if (e.kind !== 'attention' || readsStore({ kind: e.kind as ConnectionKind, from: stripStep(e.from), to: stripStep(e.to) })) expect(t - s, `${e.from} → ${e.to}`).toBe(!DELAYED.has(e.kind) ? 0 : e.delay === -1 ? -1 : 1);
      }
      const times = { recurrent: 2, carry: 2, attention: 9 } as Partial<Record<string, number>>;
      // A read or write of a store written step by step (an NTM's memory) keeps to its step (storeReads).
      // A causally masked read (a Transformer decoder's) joins a step only to itself and later steps: 6 of the 9.
      const expected = new Map(traced!.connections.map((c) => [edgeKey(c), readsStore(c) ? 3 : c.causal ? 6 : (times[c.kind] ?? 3)]));
      expect(Object.fromEntries(count)).toEqual(Object.fromEntries(expected));
    },
  );
});

/** The same definitions built at sizes no diagram configuration has: every group past 12 cells is elided. */
const SCALED = [
  ['feed-forward', 'inputs 50, hidden 50-50, outputs 3', { inputs: 50, hidden: [50, 50], outputs: 3 }],
  ['feed-forward', 'inputs 64, hidden 128-128, outputs 16', { inputs: 64, hidden: [128, 128], outputs: 16 }],
  ['echo-state-network', '200 units', { units: 200 }],
  ['recurrent-network', '40 units', { units: 40 }],
  // Two chains running opposite ways in time: the elided accounting keeps each weight's direction.
  ['bidirectional-rnn', '24 units per chain', { units: 24 }],
  // Undirected weights within one group, on a ring: the elided accounting keeps one line per pair.
  ['hopfield-network', '50 units', { units: 50, patterns: 5 }],
] as const;
const MAX_DRAWN_CELLS = DEFAULT_ELISION.head + DEFAULT_ELISION.tail;

describe.each(SCALED)('%s with %s, elided', (id, _, sizes) => {
  const architecture = registry.get(id);
  const model = architecture.build({ ...(architecture.configs.diagram as object), ...sizes });
  const graph = traceModel(model, id);
  const generated = new Map<string, Promise<string>>(architecture.views.map((view) => [view, generateSvg(architecture, view, graph)]));
  const diagram = async (view: string) => parseSvg(await generated.get(view)!);

  it('is large enough that its cells diagram would otherwise be a block of lines', () => {
    expect(graph.groups.some((g) => g.size > DEFAULT_ELISION.over)).toBe(true);
    expect(graph.connections.length).toBeGreaterThan(1000);
  });

  it.each(architecture.views.map((v) => [v]))('draws each large group of its %s diagram as a few cells and one ellipsis, and every cell once', async (view) => {
    const svg = await diagram(view);
    const cells = groupCells(svg);
    for (const group of graph.groups)
      for (const step of view === 'unrolled' ? ['@0', '@1', '@2'] : ['']) {
        const drawn = svg.nodes.filter((n) => n.attributes['data-group'] === `${group.id}${step}`);
        const ellipses = svg.ellipses.filter((e) => e.attributes['data-elided'] === `${group.id}${step}`);
        expect(drawn.length, group.id).toBe(group.size > DEFAULT_ELISION.over ? MAX_DRAWN_CELLS : group.size);
        expect(ellipses.length, group.id).toBe(group.size > DEFAULT_ELISION.over ? 1 : 0);
        const all = Array.from({ length: group.size }, (_, i) => `${group.id}.${i}${step}`);
        expect([...(cells.get(`${group.id}${step}`) ?? [])].sort(), group.id).toEqual(all.sort());
      }
  });

  it('accounts, in its cells diagram, for exactly the nonzero weights of the network with their flags', async () => {
    const svg = await diagram('cells');
    expect(drawnAccount(svg)).toEqual(accountOf(svg, graph.connections));
    const drawn = expandEdges(svg);
    const weights = connectionWeights(model);
    expect(drawn.filter((e) => e.trainable === true).reduce((n, e) => n + e.count, 0)).toBe(weights.trained);
    expect(drawn.filter((e) => e.trainable === false).reduce((n, e) => n + e.count, 0)).toBe(weights.fixed);
  });

  if (architecture.views.includes('unrolled'))
    it('accounts, in its unrolled diagram, for every connection at every step and every delayed one between steps', async () => {
      const svg = await diagram('unrolled');
      const at = (c: (typeof graph.connections)[number], from: number, to: number) => ({ ...c, from: `${c.from}@${from}`, to: `${c.to}@${to}` });
      const between = (c: (typeof graph.connections)[number]) => (c.delay === -1 ? [at(c, 1, 0), at(c, 2, 1)] : [at(c, 0, 1), at(c, 1, 2)]);
      const expected = graph.connections.flatMap((c) => (DELAYED.has(c.kind) ? between(c) : [0, 1, 2].map((s) => at(c, s, s))));
      expect(drawnAccount(svg)).toEqual(accountOf(svg, expected));
    });

  it.each(architecture.views.map((v) => [v]))('names only what it draws in its %s diagram: a counted edge has an ellipsis end, any other joins cells or groups', async (view) => {
    const svg = await diagram(view);
    const ellipses = new Set(svg.ellipses.map((e) => e.attributes['data-ellipsis']));
    const cells = new Set(svg.nodes.map((n) => n.attributes['data-node']));
    const groups = new Set(svg.nodes.map((n) => n.attributes['data-group']));
    for (const { attributes: a } of svg.edges) {
      const where = `${a['data-from']} → ${a['data-to']}`;
      if (a['data-bundle'] === 'true') expect(groups.has(a['data-from']) && groups.has(a['data-to']), where).toBe(true);
      else if (a['data-count']) {
        expect(Number(a['data-count']), where).toBeGreaterThan(0);
        expect(ellipses.has(a['data-from']) || ellipses.has(a['data-to']), where).toBe(true);
        expect([a['data-from'], a['data-to']].every((end) => ellipses.has(end) || cells.has(end)), where).toBe(true);
      } else expect(cells.has(a['data-from']) && cells.has(a['data-to']), where).toBe(true);
    }
  });

  it.each(architecture.views.map((v) => [v]))('stays readable in its %s diagram: a few dozen lines, not a solid block', async (view) => {
    const svg = await diagram(view);
    // With 4 drawn cells and one ellipsis a column, a block between two groups needs at most 5 × 5 elements.
    expect(svg.edges.length).toBeLessThanOrEqual(25 * graph.groups.length * (view === 'unrolled' ? 5 : 1));
    const stoodFor = [...drawnAccount(svg).values()].reduce((a, b) => a + b, 0);
    expect(svg.edges.length).toBeLessThan(stoodFor / 10);
    expect(placementProblems(svg)).toEqual([]);
    // And the legibility checks of every committed diagram: no line through a text, no text on a text.
    expect(legibilityProblems(await generated.get(view)!)).toEqual([]);
  });

  it('strokes its elided cells diagram like any other: loops for delays, markers for fixed weights', async () => {
    expect(strokeProblems(await diagram('cells'))).toEqual([]);
  });

  it('says in its description which cells each elided group shows', async () => {
    const svg = await diagram('cells');
    for (const group of graph.groups.filter((g) => g.size > DEFAULT_ELISION.over))
      expect(svg.desc).toContain(`${group.label} shows cells 0–2 and ${group.size - 1}, and ⋮ stands for the other ${group.size - MAX_DRAWN_CELLS} (3–${group.size - 2})`);
  });

  it('is deterministic: the same network gives the same bytes', async () => {
    expect(await generateSvg(architecture, 'cells', graph)).toBe(await generated.get('cells'));
  });
});
