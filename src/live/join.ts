import type { CellSource, TracedNetwork } from '../graph/trace';
import { isWeight, type Connection } from '../graph/types';
import { weightSourceOf, type WeightSource } from '../graph/weight-source';
import type { DiagramEdge, DiagramNode, DiagramSpec } from '../views/types';

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

/** One drawn weight line and where its parameters live. */
export interface LiveWeight {
  /** `edgeKey` of the drawn line: what the page finds it by (data-from, data-to, data-kind). */
  readonly edge: string;
  readonly source: WeightSource;
  readonly trainable: boolean;
  /**
   * A bundle, or a line onto an ellipsis: how many connections it stands for. Its value is their
   * weights' root mean square (a size, with no sign), where a line of one pair shows its weight (or
   * its block's strongest entry).
   */
  readonly stands?: number;
}

/**
 * What a living diagram shows, joined to the model by the diagram's own ids: the drawn cells that are
 * some layer's output (a value per frame each) and the drawn weight lines (a value per frame each).
 * Drawn cells computed inside a layer but not output by it, ellipses and weightless lines get no
 * value: the page shows them as drawn. A bundle or a line onto an ellipsis stands for every
 * connection the diagram says it does (checked against the trace: their number is `count`).
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
  const many = manyConnections(traced, spec);
  for (const edge of spec.edges) {
    if (edge.trainable === undefined) continue;
    const key = edgeKey(edge.from, edge.to, edge.kind);
    if (edge.bundle || edge.count !== undefined) {
      const stood = many(edge);
      weights.push({ edge: key, source: mergedSource(stood, `${spec.architecture} ${spec.view}: line ${key}`), trainable: edge.trainable, stands: stood.length });
      continue;
    }
    const [from, to] = [cellOf.get(edge.from)?.cell, cellOf.get(edge.to)?.cell];
    const connection = from !== undefined && to !== undefined ? connections.get(edgeKey(from, to, edge.kind)) : undefined;
    const source = connection && weightSourceOf(connection);
    if (!source) throw new Error(`${spec.architecture} ${spec.view}: drawn weight ${edge.from} → ${edge.to} (${edge.kind}) has no weight in the model's trace`);
    weights.push({ edge: key, source, trainable: edge.trainable });
  }
  return { view: spec.view, cells, weights };
}

/** A group's id in the network, from a drawn group's (the unrolled view's are per step: `hidden@2`). */
const networkGroup = (id: string) => id.replace(/@\d+$/, '');
const groupOfCell = (cell: string) => cell.slice(0, cell.lastIndexOf('.'));

/**
 * The weight connections a bundle or a line onto an ellipsis stands for: a bundle, every pair of its
 * two groups of its kind (every one connected, or this throws); a counted line, those of its kind and flags between the cells at its ends
 * (an ellipsis's run of cells) — exactly `count` of them, or the drawing is wrong and this throws.
 */
function manyConnections(traced: TracedNetwork, spec: DiagramSpec): (edge: DiagramEdge) => Connection[] {
  const weighted = traced.graph.connections.filter(isWeight);
  const nodes = new Map(spec.nodes.map((n) => [n.id, n]));
  const sizes = new Map(traced.graph.groups.map((g) => [g.id, g.size]));
  const cellsAt = (id: string): Set<string> => {
    const node: DiagramNode | undefined = nodes.get(id);
    if (!node) throw new Error(`${spec.architecture} ${spec.view}: a line ends at ${id}, which is not drawn`);
    if (!node.elided) return new Set([node.cell]);
    const group = groupOfCell(node.cell);
    return new Set(Array.from({ length: node.elided.last - node.elided.first + 1 }, (_, i) => `${group}.${node.elided!.first + i}`));
  };
  return (edge) => {
    const sameFlags = (c: Connection) => c.kind === edge.kind && c.trainable === edge.trainable && c.directed === edge.directed;
    if (edge.bundle) {
      const [from, to] = [networkGroup(edge.from), networkGroup(edge.to)];
      const stood = weighted.filter((c) => sameFlags(c) && groupOfCell(c.from) === from && groupOfCell(c.to) === to);
      const pairs = (sizes.get(from) ?? 0) * (sizes.get(to) ?? 0);
      if (stood.length !== pairs) throw new Error(`${spec.architecture} ${spec.view}: the bundle ${edge.from} → ${edge.to} (${edge.kind}) says every one of ${pairs} pairs is connected; the model's trace has ${stood.length}`);
      return stood;
    }
    const [from, to] = [cellsAt(edge.from), cellsAt(edge.to)];
    // An undirected connection is the same one whichever end the trace names first.
    const joins = (c: Connection) => (from.has(c.from) && to.has(c.to)) || (!edge.directed && from.has(c.to) && to.has(c.from));
    const stood = weighted.filter((c) => sameFlags(c) && joins(c));
    if (stood.length !== edge.count)
      throw new Error(`${spec.architecture} ${spec.view}: the line ${edge.from} → ${edge.to} (${edge.kind}) says it stands for ${edge.count} connections; the model's trace has ${stood.length}`);
    return stood;
  };
}

/** The parameters some connections stand for: one variable's entries, each once (a shared weight counts once). */
function mergedSource(connections: readonly Connection[], what: string): WeightSource {
  const sources = connections.map((c) => weightSourceOf(c));
  if (sources.length === 0 || sources.some((s) => !s)) throw new Error(`${what}: a connection it stands for has no weight in the model's trace`);
  const variable = sources[0]!.variable;
  if (sources.some((s) => s!.variable !== variable)) throw new Error(`${what}: its connections' weights live in more than one variable`);
  return { variable, indices: [...new Set(sources.flatMap((s) => s!.indices))].sort((a, b) => a - b) };
}
