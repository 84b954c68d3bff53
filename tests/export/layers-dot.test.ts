import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import { frameClusterName, layersToDot } from '../../src/export/layers-dot';
import { readLayerGraph } from '../../src/graph/layer-graph';
import { layersSpec } from '../../src/views/layers';
import { miniResNet } from '../support/small-models';

interface GraphvizJson {
  readonly objects?: readonly { readonly _gvid: number; readonly name: string; readonly label?: string; readonly nodes?: readonly number[] }[];
  readonly edges?: readonly { readonly tail: number; readonly head: number; readonly label?: string }[];
}

let graphviz: Graphviz;
beforeAll(async () => {
  graphviz = await Graphviz.load();
});

describe('layers view as DOT', () => {
  const model = miniResNet();
  const graph = readLayerGraph(model);
  model.dispose();
  const spec = layersSpec(graph, { architecture: { id: 'mini', name: 'Mini', abbreviation: 'M' } as AnyArchitecture, config: 'canonical', expanded: false });

  it('gives Graphviz exactly the drawn layers, frames and tensor lines, shape labels where ours has them', () => {
    const json = JSON.parse(graphviz.layout(layersToDot(spec), 'json', 'dot')) as GraphvizJson;
    const objects = json.objects ?? [];
    const nameOf = new Map(objects.map((o) => [o._gvid, o.name]));
    expect(objects.filter((o) => !o.name.startsWith('cluster')).map((o) => o.name).sort()).toEqual(spec.layers.map((l) => l.name).sort());
    for (const frame of spec.frames) {
      const cluster = objects.find((o) => o.name === frameClusterName(frame.id))!;
      expect(cluster.label).toBe(frame.title);
      expect((cluster.nodes ?? []).map((id) => nameOf.get(id)).sort()).toEqual([...frame.layers].sort());
    }
    const edges = (json.edges ?? []).map((e) => `${nameOf.get(e.tail)} → ${nameOf.get(e.head)}${e.label ? ` ${e.label}` : ''}`).sort();
    expect(edges).toEqual(spec.edges.map((e) => `${e.from} → ${e.to}${e.labelled ? ` ${e.shape.join('×')}` : ''}`).sort());
  });

  it('runs top to bottom or left to right as asked', () => {
    expect(layersToDot(spec)).toContain('rankdir = "TB"');
    expect(layersToDot(spec, 'right')).toContain('rankdir = "LR"');
  });
});
