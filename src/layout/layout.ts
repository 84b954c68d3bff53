import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { isDelayed } from '../graph/types';
import type { DiagramSpec } from '../views/types';
import { placeEdges } from './edges';
import { union } from './obstacles';
import { layoutBottomUp } from './bottom-up';
import { frameGroup, type GroupFrame } from './group-box';
import { frameRing, type RingPart } from './ring';
import { METRICS, centredTextBox } from './metrics';
import type { Box, PositionedDiagram, PositionedGroup, PositionedNode, PositionedStep, PositionedText } from './types';

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
function groupEdges(spec: DiagramSpec, groupIds: ReadonlySet<string>, unitOf: ReadonlyMap<string, string> = new Map()): ElkExtendedEdge[] {
  // Groups that share a ring are one node to ELK: the ring's.
  const groupOf = new Map(spec.nodes.map((n) => [n.id, unitOf.get(n.group) ?? n.group]));
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  // A group fed by identity reads alone (a DQN's TD error, y − Q) has no other layers to order it: its skips
  // order it. (Not in an unrolled view, where a chain's first step is fed by its skips and the steps order it.)
  const fedOtherwise = new Set(spec.edges.filter((e) => spec.steps || (e.kind !== 'residual' && e.kind !== 'copy')).map((e) => (e.bundle ? e.to : groupOf.get(e.to))));
  for (const e of spec.edges) {
    // A weight copy is no flow of values: the copy may stand beside what it copies (a target network beside the online one).
    if (isDelayed(e) || e.kind === 'copy' || (e.kind === 'residual' && fedOtherwise.has(e.bundle ? e.to : groupOf.get(e.to)))) continue;
    const from = e.bundle ? (unitOf.get(e.from) ?? e.from) : groupOf.get(e.from)!;
    const to = e.bundle ? (unitOf.get(e.to) ?? e.to) : groupOf.get(e.to)!;
    const key = `${from}>${to}`;
    if (from === to || seen.has(key) || !groupIds.has(from) || !groupIds.has(to)) continue;
    seen.add(key);
    edges.push({ id: `e${edges.length}:${key}`, sources: [`${from}:out`], targets: [`${to}:in`] });
  }
  return edges;
}

/** Vertical room between two chains stacked in one step. */
const CHAIN_GAP = 16;

/**
 * Chains that would stand side by side in a step of an unrolled view — recurrent groups at the same
 * depth of the step's flow, such as a bidirectional layer's forward and backward chains — are
 * stacked instead, as a staircase: each lower than the one before. Their lines to the
 * next or previous step run level with their own cells, so one chain's lines pass above or below the
 * other chain's box, never through it (side by side, each chain's lines crossed the other's box and
 * read as links between them). ELK orders them across the step; the stack sets them one below the
 * other. Returns each such group's offset from the top of the room ELK gives
 * it, and that room's height.
 */
function stackedChains(spec: DiagramSpec, frames: ReadonlyMap<string, GroupFrame>): Map<string, { offset: number; room: number }> {
  const stacked = new Map<string, { offset: number; room: number }>();
  if (!spec.steps) return stacked;
  const groupOf = new Map(spec.nodes.map((n) => [n.id, n.group]));
  const chains = new Set(spec.edges.filter(isDelayed).flatMap((e) => [groupOf.get(e.from)!, groupOf.get(e.to)!]));
  for (const step of spec.steps) {
    const ids = spec.groups.filter((g) => g.step === step.index).map((g) => g.id);
    // Depth in the step's flow: the longest chain of groups feeding each group (the layers ELK makes).
    const feeds = groupEdges(spec, new Set(ids)).map((e) => [e.sources[0]!.replace(/:out$/, ''), e.targets[0]!.replace(/:in$/, '')] as const);
    const depth = new Map(ids.map((id) => [id, 0]));
    for (let pass = 0; pass < ids.length; pass++) for (const [from, to] of feeds) depth.set(to, Math.max(depth.get(to)!, depth.get(from)! + 1));
    const byDepth = new Map<number, string[]>();
    for (const id of ids) if (chains.has(id)) byDepth.set(depth.get(id)!, [...(byDepth.get(depth.get(id)!) ?? []), id]);
    for (const together of byDepth.values()) {
      if (together.length < 2) continue;
      const heights = together.map((id) => frames.get(id)!.height);
      const room = heights.reduce((sum, h) => sum + h, 0) + CHAIN_GAP * (together.length - 1);
      let offset = 0;
      together.forEach((id, k) => {
        stacked.set(id, { offset, room });
        offset += heights[k]! + CHAIN_GAP;
      });
    }
  }
  return stacked;
}

function elkGraph(
  spec: DiagramSpec,
  frames: ReadonlyMap<string, GroupFrame>,
  stacked: ReadonlyMap<string, { offset: number; room: number }>,
  rings: Rings = { unitOf: new Map(), centres: new Map() },
): ElkNode {
  /**
   * A group with one fixed port on each flow side, at the centre of its cells (not of its box, whose
   * top holds the caption): ELK then lines up the cells of connected groups, not their boxes. A
   * stacked chain asks for the room of the whole stack (its box sits `offset` down inside it).
   */
  const groupNode = (id: string, flow: 'RIGHT' | 'UP'): ElkNode => {
    const { width, cells } = frames.get(id)!;
    const height = stacked.get(id)?.room ?? frames.get(id)!.height;
    const centre = rings.centres.get(id) ?? { x: (cells[0]!.x + cells.at(-1)!.x) / 2, y: (cells[0]!.y + cells.at(-1)!.y) / 2 };
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
      children: [...new Set(spec.groups.map((g) => rings.unitOf.get(g.id) ?? g.id))].map((id) => groupNode(id, 'RIGHT')),
      edges: groupEdges(spec, new Set(spec.groups.map((g) => rings.unitOf.get(g.id) ?? g.id)), rings.unitOf),
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

/**
 * Groups drawn on rings (src/layout/ring.ts): each ring is one ELK node, named after its ring id, whose
 * frame holds all its groups; `unitOf` maps each ring group to that node, `centres` each ring node to
 * its circle's centre (where the lines in and out aim), and `parts` each ring group to its box, cells
 * and header inside the ring's frame.
 */
interface Rings {
  readonly unitOf: ReadonlyMap<string, string>;
  readonly centres: ReadonlyMap<string, { x: number; y: number }>;
  readonly parts?: ReadonlyMap<string, RingPart>;
}

/** Frames every ring of a spec's groups, adding the ring's frame to `frames` under the ring id. */
function frameRings(spec: DiagramSpec, frames: Map<string, GroupFrame>): Required<Rings> {
  const byRing = new Map<string, DiagramSpec['groups'][number][]>();
  for (const g of spec.groups) if (g.orientation === 'ring') byRing.set(g.ring ?? g.id, [...(byRing.get(g.ring ?? g.id) ?? []), g]);
  const unitOf = new Map<string, string>();
  const centres = new Map<string, { x: number; y: number }>();
  const parts = new Map<string, RingPart>();
  for (const [id, groups] of byRing) {
    const ring = frameRing(groups);
    frames.set(id, { width: ring.width, height: ring.height, cells: groups.flatMap((g) => ring.parts.get(g.id)!.cells), header: [] });
    centres.set(id, ring.centre);
    for (const g of groups) {
      unitOf.set(g.id, id);
      parts.set(g.id, ring.parts.get(g.id)!);
    }
  }
  return { unitOf, centres, parts };
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
  const frames = new Map(spec.groups.filter((g) => g.orientation !== 'ring').map((g) => [g.id, frameGroup(g, spec.edges)]));
  const rings = frameRings(spec, frames);
  const stacked = stackedChains(spec, frames);
  const laidOut = layoutBottomUp(elkGraph(spec, frames, stacked, rings));
  const boxes = absoluteBoxes(laidOut);

  const groups: PositionedGroup[] = spec.groups.map((g) => {
    const part = rings.parts.get(g.id);
    if (part) {
      const room = boxes.get(rings.unitOf.get(g.id)!)!;
      const box = { x: room.x + part.box.x, y: room.y + part.box.y, width: part.box.width, height: part.box.height };
      return { ...g, box, header: part.header.map((t) => ({ ...t, x: room.x + t.x, y: room.y + t.y })) };
    }
    const room = boxes.get(g.id)!;
    const frame = frames.get(g.id)!;
    const box = { ...room, y: room.y + (stacked.get(g.id)?.offset ?? 0), height: frame.height };
    return { ...g, box, header: frame.header.map((t) => ({ ...t, x: box.x + t.x, y: box.y + t.y })) };
  });
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const nodeById = new Map(spec.nodes.map((n) => [n.id, n]));
  const nodes: PositionedNode[] = groups.flatMap((g) => {
    const part = rings.parts.get(g.id);
    if (part) {
      const room = boxes.get(rings.unitOf.get(g.id)!)!;
      return g.members.map((id, i) => ({ ...nodeById.get(id)!, x: room.x + part.cells[i]!.x, y: room.y + part.cells[i]!.y, r: METRICS.cellRadius }));
    }
    const frame = frames.get(g.id)!;
    return g.members.map((id, i) => ({ ...nodeById.get(id)!, x: g.box.x + frame.cells[i]!.x, y: g.box.y + frame.cells[i]!.y, r: METRICS.cellRadius }));
  });
  const steps: PositionedStep[] = (spec.steps ?? []).map((s) => {
    const box = boxes.get(`step:${s.index}`)!;
    return { ...s, box, title: { text: `step ${s.label}`, x: box.x + box.width / 2, y: box.y + 18, role: 'step-label' } };
  });
  const notes = stepNotes(spec, steps);
  // A group's header is one block: a line is routed round all of it, not between its lines.
  const texts = [
    ...groups.filter((g) => g.header.length > 0).map((g) => union(g.header.map(centredTextBox))),
    ...[...steps.map((s) => s.title), ...notes].map(centredTextBox),
  ];

  return {
    spec,
    width: Math.ceil(laidOut.width ?? 0),
    height: Math.ceil(laidOut.height ?? 0),
    nodes,
    groups,
    steps,
    notes,
    edges: placeEdges(spec.edges, new Map(nodes.map((n) => [n.id, n])), groupById, groups, texts),
  };
}

/** Steps of a network without memory share nothing: "nothing carried over" stands where delayed lines would run. */
function stepNotes(spec: DiagramSpec, steps: readonly PositionedStep[]): PositionedText[] {
  if (steps.length < 2 || spec.edges.some(isDelayed)) return [];
  return steps.slice(1).flatMap((after, i) => {
    const before = steps[i]!;
    const x = (before.box.x + before.box.width + after.box.x) / 2;
    const y = before.box.y + before.box.height / 2;
    return ['nothing', 'carried', 'over'].map((text, k): PositionedText => ({ text, x, y: y - 6 + 12 * k, role: 'caption' }));
  });
}
