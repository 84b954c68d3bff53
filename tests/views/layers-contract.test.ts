import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { readLayerGraph, type LayerGraph } from '../../src/graph/layer-graph';
import { shapeText } from '../../src/layout/layers-layout';
import { isLayersView } from '../../src/pipeline';
import { layerOrder } from '../../src/views/blocks';
import { layersConfig } from '../../src/views/layers';
import { parseSvg, type SvgMetadata } from '../support/svg-metadata';

const readDiagram = (id: string, view: string) => readFileSync(new URL(`../../diagrams/${id}.${view}.svg`, import.meta.url), 'utf8');

/** The committed layers diagrams' metadata: layer nodes, frames and tensor lines. */
function layersOf(svg: SvgMetadata) {
  const layers = svg.elements.filter((e) => e.attributes['data-layer'] !== undefined && !e.ancestorClasses.includes('rz-legend'));
  const frames = svg.elements.filter((e) => e.attributes['data-frame'] !== undefined);
  const repeatOf = new Map<string, number>();
  for (const f of frames) for (const l of f.attributes['data-layers']!.split(' ')) repeatOf.set(l, Number(f.attributes['data-repeat']));
  return { layers, frames, repeatOf, tensors: svg.edges };
}

const withLayers = registry.architectures.filter((a) => a.views.some(isLayersView));

describe.each(withLayers.map((a) => [a.id, a] as const))('%s layers views', (id, architecture) => {
  // Built once: the canonical configuration is large (zero weights, see src/architecture/structure-only.ts).
  let graph: LayerGraph;
  const model = () => {
    if (!graph) {
      const built = architecture.build(layersConfig(architecture).config);
      graph = readLayerGraph(built);
      built.dispose();
    }
    return graph;
  };

  it.each(architecture.views.filter(isLayersView).map((v) => [v]))('%s: the root carries the model’s countParams(), and every drawn layer’s parameters, times the copies it stands for, add up to it', (view) => {
    const svg = parseSvg(readDiagram(id, view));
    const { layers, repeatOf } = layersOf(svg);
    expect(Number(svg.root['data-params'])).toBe(model().params);
    const sum = layers.reduce((total, l) => total + Number(l.attributes['data-params']) * (repeatOf.get(l.attributes['data-layer']!) ?? 1), 0);
    expect(sum).toBe(model().params);
    // And each drawn layer states its class, shape and parameters as the model has them.
    const byName = new Map(model().layers.map((l) => [l.name, l]));
    for (const l of layers) {
      const layer = byName.get(l.attributes['data-layer']!)!;
      expect(l.attributes, l.attributes['data-layer']).toMatchObject({ 'data-node': layer.name, 'data-class': layer.className, 'data-shape': shapeText(layer.shape), 'data-params': String(layer.params) });
    }
  });

  if (architecture.views.includes('layers'))
    it('has an expanded layers diagram exactly when its layers diagram folds a run ×N (else the two would be the same picture)', () => {
      const folds = layersOf(parseSvg(readDiagram(id, 'layers'))).frames.some((f) => Number(f.attributes['data-repeat']) > 1);
      expect(architecture.views.includes('layers-expanded')).toBe(folds);
    });

  if (architecture.views.includes('layers-expanded'))
    it('layers-expanded: draws every layer once, and exactly the model’s inbound-node edges with their shapes', () => {
      const { layers, tensors, frames } = layersOf(parseSvg(readDiagram(id, 'layers-expanded')));
      expect(layers.map((l) => l.attributes['data-layer'])).toEqual(model().layers.map((l) => l.name));
      const drawn = tensors.map((t) => `${t.attributes['data-from']} → ${t.attributes['data-to']} ${t.attributes['data-shape']}`).sort();
      expect(drawn).toEqual(model().edges.map((e) => `${e.from} → ${e.to} ${shapeText(e.shape)}`).sort());
      expect(frames.every((f) => f.attributes['data-repeat'] === '1')).toBe(true);
    });

  if (architecture.views.includes('layers'))
    it('layers: each folded run stands for identical copies, and its lines are the model’s edges with each copy mapped to the drawn one', () => {
      const { layers, tensors, frames } = layersOf(parseSvg(readDiagram(id, 'layers')));
      const drawn = new Set(layers.map((l) => l.attributes['data-layer']!));
      const hidden = model().layers.filter((l) => !drawn.has(l.name));
      const folded = frames.filter((f) => Number(f.attributes['data-repeat']) > 1);
      // Every layer not drawn is one of (repeat − 1) copies of a drawn run, layer for layer alike.
      expect(hidden.length).toBe(folded.reduce((n, f) => n + (Number(f.attributes['data-repeat']) - 1) * f.attributes['data-layers']!.split(' ').length, 0));
      const byName = new Map(model().layers.map((l) => [l.name, l]));
      // Copies lie one after another in the order the view splits the model: the model's, with strands
      // kept together where side inputs are found. It is an order of the model: every edge runs forward.
      const order = layerOrder(model());
      expect([...order].sort()).toEqual(model().layers.map((l) => l.name).sort());
      for (const e of model().edges) expect(order.indexOf(e.from), `${e.from} → ${e.to}`).toBeLessThan(order.indexOf(e.to));
      const drawnAs = new Map<string, string>();
      for (const f of folded) {
        const run = f.attributes['data-layers']!.split(' ');
        const start = order.indexOf(run[0]!);
        expect(order.slice(start, start + run.length)).toEqual(run);
        for (let copy = 1; copy < Number(f.attributes['data-repeat']); copy++)
          run.forEach((name, k) => {
            const other = byName.get(order[start + copy * run.length + k]!)!;
            const mine = byName.get(name)!;
            expect([other.className, other.summary, other.shape, other.params], `${other.name} as ${name}`).toEqual([mine.className, mine.summary, mine.shape, mine.params]);
            drawnAs.set(other.name, name);
          });
      }
      expect(hidden.every((l) => drawnAs.has(l.name))).toBe(true);
      const copyOf = (name: string) => {
        const f = folded.find((fr) => fr.attributes['data-layers']!.split(' ').includes(drawnAs.get(name) ?? name));
        if (!f) return undefined;
        const run = f.attributes['data-layers']!.split(' ');
        return { frame: f.attributes['data-frame'], copy: Math.floor((order.indexOf(name) - order.indexOf(run[0]!)) / run.length) };
      };
      // A side input reaches every copy from one layer outside the run: its edge into copy k is drawn as
      // the line into the drawn copy, and the frame names it (as drawn) in data-side-inputs.
      for (const f of folded) {
        const run = new Set(f.attributes['data-layers']!.split(' '));
        const sides = new Set<string>();
        for (const e of model().edges) {
          const [from, to] = [drawnAs.get(e.from) ?? e.from, drawnAs.get(e.to) ?? e.to];
          const [a, b] = [copyOf(e.from), copyOf(e.to)];
          if (run.has(to) && b!.copy > 0 && a?.frame !== b!.frame) sides.add(from);
        }
        expect((f.attributes['data-side-inputs']?.split(' ') ?? []).sort(), f.attributes['data-frame']).toEqual([...sides].sort());
      }
      // The model's edges, each copy's layers mapped to the drawn ones, minus those from one copy to the next.
      const expected = new Set<string>();
      for (const e of model().edges) {
        const [a, b] = [copyOf(e.from), copyOf(e.to)];
        if (a && b && a.frame === b.frame && a.copy !== b.copy) continue;
        expected.add(`${drawnAs.get(e.from) ?? e.from} → ${drawnAs.get(e.to) ?? e.to} ${shapeText(e.shape)}`);
      }
      expect(tensors.map((t) => `${t.attributes['data-from']} → ${t.attributes['data-to']} ${t.attributes['data-shape']}`).sort()).toEqual([...expected].sort());
    });
});
