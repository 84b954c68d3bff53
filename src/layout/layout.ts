import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { isDelayed } from '../graph/types';
import type { DiagramSpec } from '../views/types';
import { placeEdges } from './edges';
import { layoutBottomUp } from './bottom-up';
import { frameGroup, type GroupFrame } from './group-box';
import { METRICS } from './metrics';
import type { Box, PositionedDiagram, PositionedGroup, PositionedNode, PositionedStep } from './types';

/** Options shared by every ELK run, with full `elk.` keys so they read the same as ELK's docs. */
const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.spacing.nodeNode': '36',
} as const;

const STEP_LABEL_ROOM = METRICS.stepLabelSize + 12;

/**
 * Group-level edges for ELK: one per connected pair of groups. Time-delayed ones are left out (they
 * loop), and so are skips: the layers they jump over already order the groups, and a long edge would
 * make ELK shift the skipped group to route it, putting its cells out of line with their neighbours.
 */
function groupEdges(spec: DiagramSpec, groupIds: ReadonlySet<string>): ElkExtendedEdge[] {
  const groupOf = new Map(spec.nodes.map((n) => [n.id, n.group]));
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const e of spec.edges) {
    if (isDelayed(e) || e.kind === 'residual') continue;
    const from = e.bundle ? e.from : groupOf.get(e.from)!;
    const to = e.bundle ? e.to : groupOf.get(e.to)!;
    const key = `${from}>${to}`;
    if (from === to || seen.has(key) || !groupIds.has(from) || !groupIds.has(to)) continue;
    seen.add(key);
    edges.push({ id: `e${edges.length}:${key}`, sources: [`${from}:out`], targets: [`${to}:in`] });
  }
  return edges;
}

function elkGraph(spec: DiagramSpec, frames: ReadonlyMap<string, GroupFrame>): ElkNode {
  /**
   * A group with one fixed port on each flow side, at the centre of its cells (not of its box, whose
   * top holds the caption): ELK then lines up the cells of connected groups, not their boxes.
   */
  const groupNode = (id: string, flow: 'RIGHT' | 'UP'): ElkNode => {
    const { width, height, cells } = frames.get(id)!;
    const centre = { x: (cells[0]!.x + cells.at(-1)!.x) / 2, y: (cells[0]!.y + cells.at(-1)!.y) / 2 };
    const port = (suffix: string, side: string, x: number, y: number) => ({ id: `${id}:${suffix}`, x, y, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
    return {
      id,
      width,
      height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports:
        flow === 'RIGHT'
          ? [port('in', 'WEST', 0, centre.y), port('out', 'EAST', width, centre.y)]
          : [port('in', 'SOUTH', centre.x, height), port('out', 'NORTH', centre.x, 0)],
    };
  };
  const pad = METRICS.diagramPadding;
  if (!spec.steps) {
    return {
      id: 'root',
      layoutOptions: { ...LAYERED, 'elk.direction': 'RIGHT', 'elk.layered.spacing.nodeNodeBetweenLayers': '56', 'elk.padding': `[top=${pad},left=${pad},bottom=${pad},right=${pad}]` },
      children: spec.groups.map((g) => groupNode(g.id, 'RIGHT')),
      edges: groupEdges(spec, new Set(spec.groups.map((g) => g.id))),
    };
  }
  // Unrolled: each step is a compound node whose copy of the network flows upward (input at the
  // bottom); the steps themselves flow left to right in time.
  return {
    id: 'root',
    layoutOptions: { ...LAYERED, 'elk.direction': 'RIGHT', 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.padding': `[top=${pad},left=${pad},bottom=${pad},right=${pad}]` },
    children: spec.steps.map((step) => {
      const ids = spec.groups.filter((g) => g.step === step.index).map((g) => g.id);
      return {
        id: `step:${step.index}`,
        layoutOptions: { ...LAYERED, 'elk.direction': 'UP', 'elk.layered.spacing.nodeNodeBetweenLayers': '36', 'elk.padding': `[top=${STEP_LABEL_ROOM + 8},left=12,bottom=12,right=12]` },
        children: ids.map((id) => groupNode(id, 'UP')),
        edges: groupEdges(spec, new Set(ids)),
      };
    }),
    edges: spec.steps.slice(1).map((s) => ({ id: `time:${s.index}`, sources: [`step:${s.index - 1}`], targets: [`step:${s.index}`] })),
  };
}

/** Absolute boxes of every ELK node, keyed by id (ELK reports children relative to their parent). */
function absoluteBoxes(node: ElkNode, dx = 0, dy = 0, out = new Map<string, Box>()): Map<string, Box> {
  for (const child of node.children ?? []) {
    const box = { x: dx + (child.x ?? 0), y: dy + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 };
    out.set(child.id, box);
    absoluteBoxes(child, box.x, box.y, out);
  }
  return out;
}

/**
 * Spec → coordinates. ELK (layered) places the groups — and in the unrolled view the steps — and
 * each group stacks its own cells; edges are then drawn between the placed cells.
 */
export function layoutDiagram(spec: DiagramSpec): PositionedDiagram {
  const frames = new Map(spec.groups.map((g) => [g.id, frameGroup(g, spec.edges)]));
  const laidOut = layoutBottomUp(elkGraph(spec, frames));
  const boxes = absoluteBoxes(laidOut);

  const groups: PositionedGroup[] = spec.groups.map((g) => ({ ...g, box: boxes.get(g.id)! }));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const nodeById = new Map(spec.nodes.map((n) => [n.id, n]));
  const nodes: PositionedNode[] = groups.flatMap((g) => {
    const frame = frames.get(g.id)!;
    return g.members.map((id, i) => ({ ...nodeById.get(id)!, x: g.box.x + frame.cells[i]!.x, y: g.box.y + frame.cells[i]!.y, r: METRICS.cellRadius }));
  });
  const steps: PositionedStep[] = (spec.steps ?? []).map((s) => ({ ...s, box: boxes.get(`step:${s.index}`)! }));

  return {
    spec,
    width: Math.ceil(laidOut.width ?? 0),
    height: Math.ceil(laidOut.height ?? 0),
    nodes,
    groups,
    steps,
    edges: placeEdges(spec.edges, new Map(nodes.map((n) => [n.id, n])), groupById, groups),
  };
}
