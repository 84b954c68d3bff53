import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceModel } from '../../src/graph/trace';
import { generateSvg } from '../../src/pipeline';
import { edgeKey, expandEdges, parseSvg } from '../support/svg-metadata';

const readDiagram = (id: string, view: string) => readFileSync(new URL(`../../diagrams/${id}.${view}.svg`, import.meta.url), 'utf8');

/** Weights a unit measures its distance to: there a coordinate of 0 still connects (layer class/weight). */
const DISTANCE_WEIGHTS = new Set(['RadialBasis/centres', 'SelfOrganisingMap/prototypes']);

/**
 * The connections the model's weights make, read straight off the model, split by trainability:
 * each nonzero entry of a 2-D weight variable (biases and widths connect no two cells), every entry
 * of a distance weight, and for an identity skip (`Add`, which has no weight variable) one fixed
 * connection per cell from each input but the one it adds into: weight 1, never trained.
 */
function connectionWeights(model: tf.LayersModel): { trained: number; fixed: number } {
  const counts = { trained: 0, fixed: 0 };
  for (const layer of model.layers) {
    if (layer.getClassName() === 'Add') {
      const inputs = layer.inboundNodes[0]!.inboundLayers.length;
      counts.fixed += (inputs - 1) * (layer.outputShape as number[]).at(-1)!;
      continue;
    }
    for (const variable of layer.weights) {
      if (variable.shape.length !== 2) continue;
      const values = variable.read().dataSync() as Float32Array;
      const distance = DISTANCE_WEIGHTS.has(`${layer.getClassName()}/${variable.originalName.split('/').at(-1)}`);
      counts[layer.trainable && variable.trainable ? 'trained' : 'fixed'] += distance ? values.length : values.filter((w) => w !== 0).length;
    }
  }
  return counts;
}

const stripStep = (id: string) => id.replace(/@\d+$/, '');

describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s', (id, architecture) => {
  const model = architecture.build(architecture.configs.diagram);
  const graph = traceModel(model, id);

  it('builds a network whose forward pass has the declared shapes', () => {
    for (const config of [architecture.configs.diagram, architecture.configs.demo].filter(Boolean)) {
      const net = config === architecture.configs.diagram ? model : architecture.build(config);
      const { input, output } = architecture.shapes(config);
      const result = tf.tidy(() => (net.predict(tf.randomNormal([3, ...input], 0, 1, 'float32', 1)) as tf.Tensor).shape);
      expect(result).toEqual([3, ...output]);
      if (net !== model) net.dispose();
    }
  });

  it.each(architecture.views.map((v) => [v]))('has a fresh, deterministic %s diagram', async (view) => {
    const committed = readDiagram(id, view);
    expect(await generateSvg(architecture, view)).toBe(committed);
  });

  it.each(architecture.views.map((v) => [v]))('labels its %s diagram with the metadata contract', (view) => {
    const svg = parseSvg(readDiagram(id, view));
    expect(svg.root).toMatchObject({ 'data-architecture': id, 'data-view': view, role: 'img' });
    expect(svg.title).toContain(architecture.name);
    for (const group of graph.groups) expect(svg.desc).toContain(`${group.label} (${group.size} `);
    const typeOf = new Map(graph.cells.map((c) => [c.id, c.type]));
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

  it('draws delayed connections as loops with a t−1 badge, and marks every fixed weight', () => {
    const svg = parseSvg(readDiagram(id, 'cells'));
    const badges = svg.elements.filter((e) => e.name === 'text' && e.text === 't−1' && !e.ancestorClasses.includes('rz-legend'));
    const recurrent = svg.edges.filter((e) => e.attributes['data-kind'] === 'recurrent');
    expect(badges.length).toBe(recurrent.length);
    for (const edge of svg.edges) {
      const a = edge.attributes;
      const where = `${a['data-from']} → ${a['data-to']}`;
      // A curve (C) for a loop through time, a straight line for everything else.
      expect(a.d!.includes('C'), where).toBe(a['data-kind'] === 'recurrent');
      expect('marker-mid' in a, where).toBe(a['data-trainable'] === 'false');
      expect(a['marker-end'], where).toMatch(a['data-directed'] === 'true' ? /-arrow\)$/ : /-undirected\)$/);
    }
  });

  it.each(architecture.views.map((v) => [v]))('fits every cell of its %s diagram inside the picture without overlap', (view) => {
    const svg = parseSvg(readDiagram(id, view));
    const [, , width, height] = svg.root.viewBox!.split(' ').map(Number);
    const r = 14;
    const centres = svg.nodes.map((n) => {
      const [x, y] = /matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(n.attributes.transform!)!.slice(1).map(Number);
      return { id: n.attributes['data-node'], x: x!, y: y! };
    });
    for (const c of centres) {
      expect(c.x - r, c.id).toBeGreaterThanOrEqual(0);
      expect(c.y - r, c.id).toBeGreaterThanOrEqual(0);
      expect(c.x + r, c.id).toBeLessThanOrEqual(width!);
      expect(c.y + r, c.id).toBeLessThanOrEqual(height!);
    }
    for (const [i, a] of centres.entries())
      for (const b of centres.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} vs ${b.id}`).toBeGreaterThanOrEqual(2 * r);
    // Badges (t−1, m×n) cover neither a cell nor one another.
    const badges = svg.elements
      .filter((e) => e.name === 'rect' && e.ancestorClasses.includes('rz-badge') && !e.ancestorClasses.includes('rz-legend'))
      .map((e) => ({ x: Number(e.attributes.x), y: Number(e.attributes.y), w: Number(e.attributes.width), h: Number(e.attributes.height) }));
    for (const [i, a] of badges.entries()) {
      for (const b of badges.slice(i + 1)) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `badges at ${a.x},${a.y} and ${b.x},${b.y}`).toBe(true);
      for (const c of centres) expect(a.x + a.w <= c.x - r || c.x + r <= a.x || a.y + a.h <= c.y - r || c.y + r <= a.y, `badge at ${a.x},${a.y} on ${c.id}`).toBe(true);
    }
  });

  it('draws, in its cells diagram, exactly the connections the weights of the network make, with their flags', () => {
    const drawn = expandEdges(parseSvg(readDiagram(id, 'cells')));
    const traced = graph.connections.map((c) => edgeKey(c));
    expect(drawn.map(edgeKey).sort()).toEqual([...traced].sort());
    const weights = connectionWeights(model);
    expect(drawn.filter((e) => e.trainable).length).toBe(weights.trained);
    expect(drawn.filter((e) => !e.trainable).length).toBe(weights.fixed);
  });

  // Registered only where the view exists, so no architecture reports a skipped test.
  if (architecture.views.includes('unrolled'))
    it('draws, in its unrolled diagram, every connection at every step and every delayed one between steps',
    () => {
      const drawn = expandEdges(parseSvg(readDiagram(id, 'unrolled')));
      const count = new Map<string, number>();
      for (const e of drawn) {
        const key = edgeKey({ ...e, from: stripStep(e.from), to: stripStep(e.to) });
        count.set(key, (count.get(key) ?? 0) + 1);
        const [s, t] = [Number(e.from.split('@')[1]), Number(e.to.split('@')[1])];
        expect(t - s, `${e.from} → ${e.to}`).toBe(e.kind === 'recurrent' ? 1 : 0);
      }
      const expected = new Map(graph.connections.map((c) => [edgeKey(c), c.kind === 'recurrent' ? 2 : 3]));
      expect(Object.fromEntries(count)).toEqual(Object.fromEntries(expected));
    },
  );
});
