import type { CellSource, TracedNetwork } from '../graph/trace';
import { isWeight, type Connection } from '../graph/types';
import { weightSourceOf, type WeightSource } from '../graph/weight-source';
import type { DiagramSpec } from '../views/types';

/** One drawn cell whose value the model computes: drawn as `node`, cell `index` of `group`. */
export interface LiveCell {
  readonly node: string;
  readonly group: string;
  readonly index: number;
  /** Unrolled view: which drawn step (0, 1, 2 = t−1, t, t+1, the example's last three). */
  readonly step?: number;
  readonly source: CellSource;
}

/** One drawn weight line (not a bundle, not a count onto an ellipsis) and where its parameters live. */
export interface LiveWeight {
  /** `edgeKey` of the drawn line: what the page finds it by (data-from, data-to, data-kind). */
  readonly edge: string;
  readonly source: WeightSource;
  readonly trainable: boolean;
}

/**
 * What a living diagram shows, joined to the model by the diagram's own ids: the drawn cells that are
 * some layer's output (a value per frame each) and the drawn weight lines (a value per frame each).
 * Drawn cells computed inside a layer but not output by it, ellipses, bundles and weightless lines get
 * no value: the page shows them as drawn.
 */
export interface LiveJoin {
  readonly view: DiagramSpec['view'];
  readonly cells: readonly LiveCell[];
  readonly weights: readonly LiveWeight[];
}

export const edgeKey = (from: string, to: string, kind: string): string => `${from}|${to}|${kind}`;

export function liveJoin(traced: TracedNetwork, spec: DiagramSpec): LiveJoin {
  const connections = new Map<string, Connection>(traced.graph.connections.filter(isWeight).map((c) => [edgeKey(c.from, c.to, c.kind), c]));
  const cellOf = new Map(spec.nodes.map((n) => [n.id, n]));
  const cells: LiveCell[] = [];
  for (const node of spec.nodes) {
    const source = traced.cellSources.get(node.group);
    if (node.elided || !source) continue;
    const index = Number(node.cell.slice(node.cell.lastIndexOf('.') + 1));
    cells.push({ node: node.id, group: node.group, index, ...(node.step !== undefined ? { step: node.step } : {}), source });
  }
  const weights: LiveWeight[] = [];
  for (const edge of spec.edges) {
    if (edge.bundle || edge.count !== undefined || edge.trainable === undefined) continue;
    const [from, to] = [cellOf.get(edge.from)?.cell, cellOf.get(edge.to)?.cell];
    const connection = from !== undefined && to !== undefined ? connections.get(edgeKey(from, to, edge.kind)) : undefined;
    const source = connection && weightSourceOf(connection);
    if (!source) throw new Error(`${spec.architecture} ${spec.view}: drawn weight ${edge.from} → ${edge.to} (${edge.kind}) has no weight in the model's trace`);
    weights.push({ edge: edgeKey(edge.from, edge.to, edge.kind), source, trainable: edge.trainable });
  }
  return { view: spec.view, cells, weights };
}
