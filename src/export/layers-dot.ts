import { digraph, toDot, type SubgraphModel } from 'ts-graphviz';
import { layerLines, shapeText, type Direction } from '../layout/layers-layout';
import type { LayersDiagramSpec } from '../views/layers';

/** Graphviz treats a subgraph as a cluster (a box of its own) only when its name starts with "cluster". */
export const frameClusterName = (frameId: string): string => `cluster_${frameId}`;

/**
 * A layers view as Graphviz DOT: one box per drawn layer with the same two lines of text, one
 * cluster per frame with its title, one edge per tensor line, labelled with its shape where ours
 * is. It lets Graphviz lay out exactly what our layout lays out (npm run bench).
 */
export function layersToDot(spec: LayersDiagramSpec, direction: Direction = 'down'): string {
  const graph = digraph(`${spec.architecture}.${spec.view}`, { rankdir: direction === 'down' ? 'TB' : 'LR' });
  graph.attributes.node.apply({ shape: 'box', style: 'rounded', fontsize: 10 });
  graph.attributes.edge.apply({ fontsize: 9 });
  const drawn = new Set(spec.layers.map((l) => l.name));
  const clusters = new Map<string, SubgraphModel>();
  for (const frame of spec.frames) clusters.set(frame.id, graph.subgraph(frameClusterName(frame.id), { label: frame.title, style: frame.repeat > 1 ? 'dashed' : 'rounded' }));
  const clusterOf = new Map(spec.frames.flatMap((f) => f.layers.map((l) => [l, clusters.get(f.id)!] as const)));
  for (const layer of spec.layers) (clusterOf.get(layer.name) ?? graph).node(layer.name, { label: layerLines(layer).join('\\n'), class: `rz-layer rz-layer-${layer.className}` });
  for (const edge of spec.edges) {
    // Graphviz would quietly invent a node for an unknown name; a faithful export refuses instead.
    for (const end of [edge.from, edge.to]) if (!drawn.has(end)) throw new Error(`edge ${edge.from} → ${edge.to}: "${end}" is not a drawn layer`);
    graph.edge([edge.from, edge.to], edge.labelled ? { label: shapeText(edge.shape) } : {});
  }
  return toDot(graph, { convert: { maxASTNodes: 0 } });
}
