import type { CellSource, TracedNetwork } from '../graph/trace';
import { isWeight, type Connection } from '../graph/types';
import { weightSourceOf, type WeightSource } from '../graph/weight-source';
import type { DiagramSpec } from '../views/types';

/** One drawn cell whose value the model computes: drawn as `node`, cell `index` of `group`. */
export interface LiveCell {
  readonly node: string;
  readonly group: string;
  readonly index: number;
  /**
   * Unrolled view: which of its group's drawn copies this is (`position` of `count`, left to right).
   * The copies show `count` consecutive steps of the example's run through that group — a window the
   * reader slides along the sequence (src/live/frame.ts); an encoder's and a decoder's groups each
   * slide along their own run.
   */
  readonly drawn?: { readonly position: number; readonly count: number };
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
  // A drawn node's own group is per step in the unrolled view (`memory@1`); its cell id names the network's group.
  const groupOf = (cell: string) => cell.slice(0, cell.lastIndexOf('.'));
  const stepsOf = new Map<string, number[]>();
  for (const node of spec.nodes) {
    const group = groupOf(node.cell);
    if (node.step !== undefined) stepsOf.set(group, [...new Set([...(stepsOf.get(group) ?? []), node.step])].sort((a, b) => a - b));
  }
  const cells: LiveCell[] = [];
  for (const node of spec.nodes) {
    const group = groupOf(node.cell);
    const source = traced.cellSources.get(group);
    if (node.elided || !source) continue;
    const index = Number(node.cell.slice(node.cell.lastIndexOf('.') + 1));
    const steps = stepsOf.get(group);
    const drawn = node.step !== undefined && steps ? { position: steps.indexOf(node.step), count: steps.length } : undefined;
    cells.push({ node: node.id, group, index, ...(drawn ? { drawn } : {}), source });
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
