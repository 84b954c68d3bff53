import type { ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { OpDiagramEdge, OpDiagramNode, OpDiagramSpec } from '../views/internals';
import { layoutWithElk } from './elk-engine';
import { round } from './geometry';
import { METRICS, textWidth } from './metrics';
import type { Box, Point } from './types';

/** Sizes of the internals view's glyphs, shared with its renderer (src/render/op-render.ts). */
export const OP_METRICS = {
  opRadius: 14,
  boxHeight: 28,
  boxTextSize: 10,
  captionSize: 10,
  captionRoom: 16,
  terminalHeight: 22,
  terminalTextSize: 11,
  /** How far x_t sits below, and h_t above, everything else. */
  terminalReach: 34,
} as const;

export interface PositionedOpNode {
  readonly node: OpDiagramNode;
  /** The glyph's box (a circle's bounding square, a matmul's or terminal's rectangle). */
  readonly box: Box;
  readonly centre: Point;
  /** The gate's name, under a gate's nonlinearity: "forget gate", "candidate". */
  readonly caption?: string;
}

export interface PositionedOpEdge extends OpDiagramEdge {
  readonly path: string;
}

export interface PositionedOpDiagram {
  readonly spec: OpDiagramSpec;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PositionedOpNode[];
  readonly edges: readonly PositionedOpEdge[];
}

/**
 * A gate's nonlinearity carries the gate's name and the symbol the articles' equations give its
 * value beneath it ("forget gate f_t", "candidate c̃_t"); every other node has none.
 */
export function captionOf(node: OpDiagramNode): string | undefined {
  if (node.kind !== 'op' || !node.gate) return undefined;
  if (node.op === 'tanh' && node.gate === 'candidate') return `candidate ${node.symbol}`;
  return node.op === 'sigmoid' || node.op === 'hard-sigmoid' ? `${node.gate} gate ${node.symbol}` : undefined;
}

function glyphSize(node: OpDiagramNode): { width: number; height: number } {
  if (node.kind === 'terminal') return { width: textWidth(node.symbol, OP_METRICS.terminalTextSize) + 16, height: OP_METRICS.terminalHeight };
  if (node.op === 'matmul') return { width: textWidth(node.label, OP_METRICS.boxTextSize) + 16, height: OP_METRICS.boxHeight };
  return { width: 2 * OP_METRICS.opRadius, height: 2 * OP_METRICS.opRadius };
}

/**
 * Ports fix where lines meet a glyph: in on the left and out on the right, at the glyph's middle,
 * and x_t into a matmul box from below.
 */
function ports(node: OpDiagramNode, width: number, height: number): ElkPort[] {
  const port = (suffix: 'in' | 'out' | 'x', side: string, x: number, y: number): ElkPort => ({ id: `${node.id}:${suffix}`, x, y, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
  const middle = height / 2;
  if (node.kind === 'terminal') {
    return node.side === 'in' ? [port('out', 'EAST', width, middle)] : [port('in', 'WEST', 0, middle)];
  }
  // A gate's weight blocks read x_t from below, the state from the left.
  if (node.op === 'matmul') return [port('in', 'WEST', 0, middle), port('x', 'SOUTH', width / 2, height), port('out', 'EAST', width, middle)];
  return [port('in', 'WEST', 0, middle), port('out', 'EAST', width, middle)];
}

/**
 * Room ELK keeps for a node: its glyph, widened to its caption (so no line runs through the words)
 * and heightened by the caption's line.
 */
function nodeRoom(node: OpDiagramNode): { width: number; height: number } {
  const glyph = glyphSize(node);
  const caption = captionOf(node);
  if (!caption) return glyph;
  return { width: Math.max(glyph.width, textWidth(caption, OP_METRICS.captionSize) + 4), height: glyph.height + OP_METRICS.captionRoom };
}

function elkNode(node: OpDiagramNode): ElkNode {
  const { width } = nodeRoom(node);
  const { height } = glyphSize(node);
  const caption = captionOf(node);
  const layer = node.kind === 'terminal' ? (node.side === 'in' ? 'FIRST' : 'LAST') : undefined;
  return {
    id: node.id,
    width,
    // The caption sits under the glyph, inside the node's box, so nothing is placed on it.
    height: height + (caption ? OP_METRICS.captionRoom : 0),
    ports: ports(node, width, height),
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS', ...(layer ? { 'elk.layered.layering.layerConstraint': layer } : {}) },
  };
}

/**
 * Terminals in the order ELK should stack them: in the first layer the states (c above h) and x at
 * the bottom; in the last the output h_t on top, then the states. Operations keep the op graph's order.
 */
function ordered(nodes: readonly OpDiagramNode[]): OpDiagramNode[] {
  const rank = (n: OpDiagramNode) => (n.kind !== 'terminal' ? 1 : n.role === 'output' ? 0 : n.role === 'x' ? 2 : n.role === 'c' ? 0 : 1);
  return [...nodes].sort((a, b) => rank(a) - rank(b));
}

const fmt = (p: Point) => `${round(p.x)} ${round(p.y)}`;

/**
 * Op diagram → coordinates. ELK (layered, left to right, orthogonal lines) places every glyph and
 * routes every data-flow line; then x_t is moved down below everything and the output h_t up above
 * everything: x_t's lines are extended straight up from its old place (its column holds only
 * terminals above it), and h_t's line rises further in the channel it already climbs.
 */
export function layoutOps(spec: OpDiagramSpec): PositionedOpDiagram {
  const pad = METRICS.diagramPadding;
  const stepInputs = new Set(spec.nodes.filter((n) => n.kind === 'terminal' && n.role === 'x').map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.padding': `[top=${pad + OP_METRICS.terminalReach},left=${pad},bottom=${pad + OP_METRICS.terminalReach},right=${pad}]`,
    },
    children: ordered(spec.nodes).map(elkNode),
    edges: spec.edges.map((e, k) => ({ id: `flow${k}`, sources: [`${e.from}:out`], targets: [`${e.to}:${stepInputs.has(e.from) ? 'x' : 'in'}`] })),
  };
  const laidOut = layoutWithElk(graph);
  const placed = new Map((laidOut.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }]));
  const ops = spec.nodes.filter((n) => !(n.kind === 'terminal' && (n.role === 'x' || n.role === 'output')));
  const top = Math.min(...ops.map((n) => placed.get(n.id)!.y));
  const bottom = Math.max(...ops.map((n) => placed.get(n.id)!.y + placed.get(n.id)!.height));
  // Vertical shift of each terminal moved out of the way: x_t under the bottom, h_t over the top.
  const shift = new Map<string, number>();
  for (const n of spec.nodes) {
    if (n.kind !== 'terminal') continue;
    const box = placed.get(n.id)!;
    if (n.role === 'x') shift.set(n.id, bottom + OP_METRICS.terminalReach - OP_METRICS.terminalHeight - box.y);
    if (n.role === 'output') shift.set(n.id, top - OP_METRICS.terminalReach - box.y);
  }

  const nodes: PositionedOpNode[] = spec.nodes.map((node) => {
    const b = placed.get(node.id)!;
    const glyph = glyphSize(node);
    // The glyph sits centred in its room; lines are extended to it below.
    const box = { x: b.x + (b.width - glyph.width) / 2, y: b.y + (shift.get(node.id) ?? 0), width: glyph.width, height: glyph.height };
    const caption = captionOf(node);
    return { node, box, centre: { x: box.x + box.width / 2, y: box.y + box.height / 2 }, ...(caption ? { caption } : {}) };
  });

  const edges: PositionedOpEdge[] = spec.edges.map((edge, k) => {
    const section = laidOut.edges?.find((e) => e.id === `flow${k}`)?.sections?.[0];
    if (!section) throw new Error(`layout of ${spec.architecture}.internals: ELK returned no route for ${edge.from} → ${edge.to}`);
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    const fromShift = shift.get(edge.from);
    const toShift = shift.get(edge.to);
    if (fromShift) points.unshift({ x: points[0]!.x, y: points[0]!.y + fromShift });
    // The output h_t is entered from the left, like the states: its last horizontal run moves up
    // with it, so the line rises in the channel between columns and crosses no glyph.
    if (toShift) {
      const y = points.at(-1)!.y;
      let first = points.length - 1;
      while (first > 0 && points[first - 1]!.y === y) first--;
      // A line that is one straight run turns up just after it leaves its source.
      if (first === 0) {
        const turn = { x: points[0]!.x + OP_METRICS.opRadius, y };
        points.splice(1, 0, turn, turn);
        first = 2;
      }
      for (let k = first; k < points.length; k++) points[k] = { x: points[k]!.x, y: y + toShift };
    }
    // From the port at the edge of a widened room to the glyph inside it, straight along the middle.
    const inset = (id: string) => {
      const node = spec.nodes.find((n) => n.id === id)!;
      return (nodeRoom(node).width - glyphSize(node).width) / 2;
    };
    if (inset(edge.from) > 0) points.unshift({ x: points[0]!.x - inset(edge.from), y: points[0]!.y });
    if (inset(edge.to) > 0 && !stepInputs.has(edge.from)) points.push({ x: points.at(-1)!.x + inset(edge.to), y: points.at(-1)!.y });
    return { ...edge, path: `M${points.map(fmt).join(' L')}` };
  });

  return { spec, width: Math.ceil(laidOut.width ?? 0), height: Math.ceil(laidOut.height ?? 0), nodes, edges };
}
