import { digraph, toDot, type EdgeAttributesObject, type GraphBaseModel, type SubgraphModel } from 'ts-graphviz';
import { isDelayed, type ConnectionKind } from '../graph/types';
import { CAPTION_CHARS } from '../layout/group-box';
import type { PositionedDiagram } from '../layout/types';
import { wrapLines } from '../views/wrap';
import type { DiagramEdge, DiagramGroup, DiagramNode, DiagramSpec } from '../views/types';

/**
 * What a diagram draws, before layout (the view) or after it (the positioned diagram). The positioned
 * one is the truer source when layout draws less than the view lists (e.g. an elided large group).
 */
export type DrawnDiagram = DiagramSpec | PositionedDiagram;

/** Graphviz treats a subgraph as a cluster (a box of its own) only when its name starts with "cluster". */
export const groupClusterName = (groupId: string): string => `cluster_group:${groupId}`;
export const stepClusterName = (step: number): string => `cluster_step:${step}`;

/** Our cells are 28 px circles: 28 / 72 inches at Graphviz's 72 points per inch. */
const CELL_INCHES = 0.39;

/**
 * Line styles close to our strokes (src/render/style.ts). Graphviz has only a few, so some kinds
 * share one; the `class` attribute still names each kind exactly.
 */
const KIND_STYLE: Readonly<Record<ConnectionKind, NonNullable<EdgeAttributesObject['style']>>> = {
  dense: 'solid',
  complete: 'dashed',
  local: 'dashed',
  sparse: 'dotted',
  recurrent: 'dashed',
  residual: 'bold',
  pool: 'dashed',
  normalise: 'dotted',
  attention: 'dotted',
  carry: 'bold',
  coefficient: 'dotted',
  sample: 'dashed',
  data: 'bold',
  copy: 'dashed',
};

interface Drawn {
  readonly name: string;
  readonly nodes: readonly DiagramNode[];
  readonly groups: readonly DiagramGroup[];
  readonly edges: readonly DiagramEdge[];
  readonly steps: readonly { readonly index: number; readonly label: string }[];
}

function drawnParts(diagram: DrawnDiagram): Drawn {
  const spec = 'spec' in diagram ? diagram.spec : diagram;
  return { name: `${spec.architecture}.${spec.view}`, nodes: diagram.nodes, groups: diagram.groups, edges: diagram.edges, steps: spec.steps ?? [] };
}

function addGroup(parent: GraphBaseModel, group: DiagramGroup, nodeById: ReadonlyMap<string, DiagramNode>): void {
  parent.subgraph(groupClusterName(group.id), { label: [group.label, ...wrapLines(group.caption, CAPTION_CHARS)].join('\\n'), style: 'rounded', class: 'rz-group' }, (cluster: SubgraphModel) => {
    for (const id of group.members) {
      const node = nodeById.get(id);
      if (!node) throw new Error(`group "${group.id}": member "${id}" is not a drawn node`);
      cluster.node(id, { class: `rz-cell rz-cell-${node.cellType}` });
    }
  });
}

/**
 * The first member stands in for its group: with `compound` set, Graphviz clips an edge that has
 * `ltail`/`lhead` at the cluster's border, so the edge joins the two boxes as our bundles do.
 */
function anchorOf(groupId: string, groups: ReadonlyMap<string, DiagramGroup>): string {
  const first = groups.get(groupId)?.members[0];
  if (first === undefined) throw new Error(`bundle names group "${groupId}", which has no drawn cells`);
  return first;
}

function addEdge(graph: GraphBaseModel, edge: DiagramEdge, groups: ReadonlyMap<string, DiagramGroup>, nodes: ReadonlyMap<string, DiagramNode>): void {
  // Graphviz would quietly invent a node for an unknown name; a faithful export refuses instead.
  if (!edge.bundle) for (const end of [edge.from, edge.to]) if (!nodes.has(end)) throw new Error(`edge ${edge.from} → ${edge.to}: "${end}" is not a drawn node`);
  const classes = ['rz-edge', `rz-kind-${edge.kind}`, edge.bundle ? 'rz-bundle' : '', edge.trainable === false ? 'rz-fixed' : ''].filter(Boolean).join(' ');
  // A delayed edge inside one group is a loop or back-arc for us, left out of the group order; so
  // it must not pull ranks apart in Graphviz either. Between steps it runs forward in time.
  const loops = isDelayed(edge) && !edge.bundle && nodes.get(edge.from)!.group === nodes.get(edge.to)!.group;
  const attributes: EdgeAttributesObject = {
    class: classes,
    style: KIND_STYLE[edge.kind],
    ...(edge.directed ? {} : { dir: 'none' }),
    ...(loops ? { constraint: false } : {}),
  };
  if (edge.bundle)
    graph.edge([anchorOf(edge.from, groups), anchorOf(edge.to, groups)], { ...attributes, ltail: groupClusterName(edge.from), lhead: groupClusterName(edge.to) });
  else graph.edge([edge.from, edge.to], attributes);
}

/**
 * A drawn diagram as Graphviz DOT: the same cells (one node each), one cluster per group (inside a
 * cluster per time step in the unrolled view), and one edge per drawn connection — a bundle stays
 * one edge, between its two clusters. It lets Graphviz lay out exactly what our layout lays out.
 */
export function diagramToDot(diagram: DrawnDiagram): string {
  const { name, nodes, groups, edges, steps } = drawnParts(diagram);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const graph = digraph(name, { rankdir: 'LR', compound: true });
  graph.attributes.node.apply({ shape: 'circle', label: '', fixedsize: true, width: CELL_INCHES, height: CELL_INCHES });

  const stepClusters = new Map(
    steps.map((s) => [s.index, graph.subgraph(stepClusterName(s.index), { label: `step ${s.label}`, style: 'dashed', class: 'rz-step' })] as const),
  );
  for (const group of groups) {
    const parent = group.step === undefined ? graph : stepClusters.get(group.step);
    if (!parent) throw new Error(`group "${group.id}": step ${group.step} is not one of the diagram's steps`);
    addGroup(parent, group, nodeById);
  }
  const grouped = new Set(groups.flatMap((g) => g.members));
  for (const node of nodes) if (!grouped.has(node.id)) graph.node(node.id, { class: `rz-cell rz-cell-${node.cellType}` });
  for (const edge of edges) addEdge(graph, edge, groupById, nodeById);
  // The writer caps its syntax tree against hostile input; ours is our own and grows with the network.
  return toDot(graph, { convert: { maxASTNodes: 0 } });
}
