import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { LayerInfo } from '../graph/layer-graph';
import type { LayersDiagramSpec, LayersEdge, LayersFrame } from '../views/layers';
import { groupDigits } from '../views/numbers';
import { layoutWithElk } from './elk-engine';
import { round } from './geometry';
import { METRICS, textWidth } from './metrics';
import type { Box, Point } from './types';

/** Which way the layers run: down the page (the site, phones) or across it (papers and slides). */
export type Direction = 'down' | 'right';

/** Sizes of the layers view's glyphs, shared with its renderer (src/render/layers-render.ts). */
export const LAYERS_METRICS = {
  /** The layer's name in the model, on top; what it does, bold; its output shape and parameters. */
  labelSize: 9,
  nameSize: 11,
  detailSize: 9.5,
  boxHeight: 46,
  boxPadding: 8,
  frameTitleSize: 11,
  frameTitleRoom: 22,
  framePadding: 10,
  shapeLabelSize: 9,
} as const;

export interface PositionedLayer {
  readonly layer: LayerInfo;
  readonly box: Box;
  /** The box's three lines: the layer's name, what it does, then its output shape and parameters. */
  readonly lines: readonly [string, string, string];
  /** A merge (add, concatenate) is drawn as a pill with its symbol. */
  readonly merge: boolean;
}

export interface PositionedFrame {
  readonly frame: LayersFrame;
  readonly box: Box;
  /** Where the title's baseline starts: in the band ELK keeps free at the frame's top, clear of the lines crossing it. */
  readonly title: Point;
}

export interface PositionedLayersEdge {
  readonly edge: LayersEdge;
  readonly points: readonly Point[];
  /** Where the shape label's box sits, for a labelled edge. */
  readonly label?: Box & { readonly text: string };
}

export interface PositionedLayersDiagram {
  readonly spec: LayersDiagramSpec;
  readonly direction: Direction;
  readonly width: number;
  readonly height: number;
  readonly layers: readonly PositionedLayer[];
  readonly frames: readonly PositionedFrame[];
  readonly edges: readonly PositionedLayersEdge[];
}

const MERGE_SYMBOLS: Readonly<Record<string, string>> = { Add: '⊕', Concatenate: '‖', Multiply: '⊙', Average: 'mean', Maximum: 'max', Subtract: '−' };

/** A shape as papers write it: 56×56×256. */
export const shapeText = (shape: readonly number[]): string => (shape.length === 0 ? 'scalar' : shape.map((d) => (d < 0 ? '?' : String(d))).join('×'));

/**
 * The three lines of a layer's box: its name in the model (what a paper's table or the code calls
 * it: `conv2_block1_1_conv`, `c3`), what it does, and its output shape and parameters.
 */
export function layerLines(layer: LayerInfo): [string, string, string] {
  const symbol = MERGE_SYMBOLS[layer.className];
  const does = symbol ? `${symbol} ${layer.summary}` : layer.summary;
  const params = layer.params > 0 ? ` · ${groupDigits(layer.params)} params` : '';
  return [layer.name, does, `${shapeText(layer.shape)}${params}`];
}

function boxWidth([name, does, detail]: readonly [string, string, string]): number {
  return (
    Math.max(textWidth(name, LAYERS_METRICS.labelSize), textWidth(does, LAYERS_METRICS.nameSize, 'bold'), textWidth(detail, LAYERS_METRICS.detailSize)) +
    2 * LAYERS_METRICS.boxPadding
  );
}

const labelWidth = (text: string) => textWidth(text, LAYERS_METRICS.shapeLabelSize) + 6;
const LABEL_HEIGHT = LAYERS_METRICS.shapeLabelSize + 5;

/**
 * Layers view → coordinates. ELK (layered, orthogonal lines) places every layer, with each frame a
 * compound node whose padding keeps room for its title, and routes every line across frame borders
 * (`INCLUDE_CHILDREN`); a line's shape label is an ELK edge label, so ELK keeps lines off it.
 */
export function layoutLayers(spec: LayersDiagramSpec, direction: Direction = 'down'): PositionedLayersDiagram {
  const pad = METRICS.diagramPadding;
  const frameOf = new Map<string, LayersFrame>();
  for (const f of spec.frames) for (const l of f.layers) frameOf.set(l, f);
  const lines = new Map(spec.layers.map((l) => [l.name, layerLines(l)]));
  // A merge's inputs enter through ports in the order it reads them, so its branches stand side by
  // side in that order (an Inception module's 1×1, 3×3, 5×5 and pool branches, as concatenated).
  const inputsOf = new Map<string, number[]>();
  spec.edges.forEach((e, k) => inputsOf.set(e.to, [...(inputsOf.get(e.to) ?? []), k]));
  const inPort = new Map<number, string>();
  const elkLayer = (l: LayerInfo): ElkNode => {
    const width = boxWidth(lines.get(l.name)!);
    const node: ElkNode = { id: l.name, width, height: LAYERS_METRICS.boxHeight };
    const inputs = inputsOf.get(l.name) ?? [];
    if (!(l.className in MERGE_SYMBOLS) || inputs.length < 2) return node;
    const side = direction === 'down' ? 'NORTH' : 'WEST';
    node.layoutOptions = { 'elk.portConstraints': 'FIXED_ORDER' };
    node.ports = inputs.map((k, i) => {
      inPort.set(k, `${l.name}:in${i}`);
      // Ports are ordered clockwise: along the top from the left, along the left side from the bottom.
      return { id: `${l.name}:in${i}`, width: 0, height: 0, layoutOptions: { 'elk.port.side': side, 'elk.port.index': String(direction === 'down' ? i : inputs.length - 1 - i) } };
    });
    return node;
  };
  const p = LAYERS_METRICS.framePadding;
  const frameNodes = new Map<string, ElkNode>(
    spec.frames.map((f) => {
      // ELK ignores a compound node's minimum size, so a frame is widened through its padding: a
      // frame at least as wide as its widest layer plus the padding is then wide enough for its title.
      const widest = Math.max(...f.layers.map((l) => boxWidth(lines.get(l)!)));
      const side = p + Math.max(0, Math.ceil((textWidth(f.title, LAYERS_METRICS.frameTitleSize, 'bold') + 2 * p - widest - 2 * p) / 2));
      // The title is a node of its own in the frame's first layer, so ELK routes no line through it.
      const title: ElkNode = {
        id: titleId(f.id),
        width: textWidth(f.title, LAYERS_METRICS.frameTitleSize, 'bold'),
        height: LAYERS_METRICS.frameTitleSize + 4,
        layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' },
      };
      return [f.id, { id: f.id, layoutOptions: { 'elk.padding': `[top=${p},left=${side},bottom=${p},right=${side}]` }, children: [title], edges: [] }];
    }),
  );
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'down' ? 'DOWN' : 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Linear segments keep a long chain of layers in one straight column: network simplex let
      // ResNet-50's stages step sideways one after another (943 px wide against 498).
      'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
      'elk.spacing.nodeNode': '18',
      'elk.layered.spacing.nodeNodeBetweenLayers': '22',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeNode': '10',
      'elk.spacing.edgeLabel': '3',
      'elk.edgeLabels.placement': 'HEAD',
      'elk.padding': `[top=${pad},left=${pad},bottom=${pad},right=${pad}]`,
    },
    children: [],
    edges: [],
  };
  const placedFrames = new Set<string>();
  for (const l of spec.layers) {
    const frame = frameOf.get(l.name);
    if (!frame) root.children!.push(elkLayer(l));
    else {
      const node = frameNodes.get(frame.id)!;
      if (!placedFrames.has(frame.id)) {
        placedFrames.add(frame.id);
        root.children!.push(node);
      }
      node.children!.push(elkLayer(l));
    }
  }
  spec.edges.forEach((e, k) => {
    const container = frameOf.get(e.from) && frameOf.get(e.from) === frameOf.get(e.to) ? frameNodes.get(frameOf.get(e.from)!.id)! : root;
    const text = shapeText(e.shape);
    container.edges!.push({
      id: `e${k}`,
      sources: [e.from],
      targets: [inPort.get(k) ?? e.to],
      ...(e.labelled ? { labels: [{ id: `l${k}`, text, width: labelWidth(text), height: LABEL_HEIGHT }] } : {}),
    });
  });

  const laidOut = layoutWithElk(root);
  // ELK gives children relative to their parent, and a frame's own edges relative to the frame.
  const origin = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
  const boxes = new Map<string, Box>();
  const edgeSections = new Map<string, { section: ElkEdgeSection; at: Point; labels: ElkExtendedEdge['labels'] }>();
  const visit = (node: ElkNode, at: Point) => {
    for (const e of (node.edges ?? []) as ElkExtendedEdge[]) {
      const section = e.sections?.[0];
      if (!section) throw new Error(`layout of ${spec.architecture}.${spec.view}: ELK returned no route for ${e.sources[0]} → ${e.targets[0]}`);
      edgeSections.set(e.id, { section, at, labels: e.labels });
    }
    for (const child of node.children ?? []) {
      const box = { x: at.x + (child.x ?? 0), y: at.y + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 };
      boxes.set(child.id, box);
      origin.set(child.id, { x: box.x, y: box.y });
      visit(child, { x: box.x, y: box.y });
    }
  };
  visit(laidOut, { x: 0, y: 0 });

  const layers: PositionedLayer[] = spec.layers.map((layer) => ({ layer, box: roundBox(boxes.get(layer.name)!), lines: lines.get(layer.name)!, merge: layer.className in MERGE_SYMBOLS }));
  const edges: PositionedLayersEdge[] = spec.edges.map((edge, k) => {
    const { section, at, labels } = edgeSections.get(`e${k}`)!;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((q) => ({ x: round(at.x + q.x), y: round(at.y + q.y) }));
    const label = labels?.[0];
    return {
      edge,
      points,
      ...(label ? { label: { ...roundBox({ x: at.x + (label.x ?? 0), y: at.y + (label.y ?? 0), width: label.width ?? 0, height: label.height ?? 0 }), text: label.text ?? '' } } : {}),
    };
  });
  const frames: PositionedFrame[] = spec.frames.map((frame) => {
    const title = boxes.get(titleId(frame.id))!;
    return { frame, box: roundBox(boxes.get(frame.id)!), title: { x: round(title.x), y: round(title.y + LAYERS_METRICS.frameTitleSize) } };
  });
  return { spec, direction, width: Math.ceil(laidOut.width ?? 0), height: Math.ceil(laidOut.height ?? 0), layers, frames, edges };
}

const titleId = (frame: string) => `${frame}:title`;

const roundBox = (b: Box): Box => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });
