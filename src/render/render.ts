import { G, Path, type Element } from '@svgdotjs/svg.js';
import { round } from '../layout/geometry';
import { METRICS, type TextRole } from '../layout/metrics';
import type { PositionedDiagram, PositionedEdge, PositionedText } from '../layout/types';
import { drawCellGlyph } from './cell-glyph';
import { drawEllipsis } from './ellipsis';
import { badge, drawLegend, legendContents } from './legend';
import { finishDiagram, startDiagram } from './diagram-frame';
import type { MarkerIds } from './markers';
import { DIAGRAM_CSS } from './style';
import { appendAll } from './svg-canvas';

/** One connection as detached elements (the line, a residual's core, its badge), in drawing order. */
function drawEdge(edge: PositionedEdge, ids: MarkerIds): Element[] {
  const classes = ['rz-edge', `rz-kind-${edge.kind}`, edge.delay === -1 ? 'rz-delay-backward' : '', edge.bundle ? 'rz-bundle' : '', edge.trainable === false ? 'rz-fixed' : ''].filter(Boolean);
  const path = new Path().plot(edge.path).addClass(classes.join(' ')).attr({
    'data-from': edge.from,
    'data-to': edge.to,
    'data-kind': edge.kind,
  });
  // A weightless dependency has no data-trainable: there is no weight to train or to keep fixed.
  if (edge.trainable !== undefined) path.attr('data-trainable', String(edge.trainable));
  path.attr('data-directed', String(edge.directed));
  if (edge.scaledBy) path.attr('data-scaled-by', edge.scaledBy);
  if (edge.bundle) path.attr('data-bundle', 'true');
  if (edge.weights) path.attr('data-weights', `${edge.weights[0]}×${edge.weights[1]}`);
  if (edge.weight) path.attr('data-weight', edge.weight);
  if (edge.count !== undefined) path.attr('data-count', edge.count);
  if (edge.delay === -1) path.attr('data-delay', '-1');
  if (edge.directed) path.attr('marker-end', `url(#${ids.arrow})`);
  else path.attr({ 'marker-start': `url(#${ids.undirected})`, 'marker-end': `url(#${ids.undirected})` });
  if (edge.trainable === false) path.attr('marker-mid', `url(#${ids.fixed})`);
  else if (edge.scaledBy) path.attr('marker-mid', `url(#${ids.scaled})`);
  const elements: Element[] = [path];
  // A residual (skip) connection is a double line: a light core drawn down the middle of a wide stroke.
  if (edge.kind === 'residual') elements.push(new Path().plot(edge.path).addClass('rz-kind-residual-core'));
  // The badge names the step the state comes from: t−1, or t+1 for a chain running backward in time.
  if (edge.delayBadge) elements.push(badge(edge.delayBadge, edge.delay === -1 ? 't+1' : 't−1'));
  if (edge.bundleBadge) elements.push(badge(edge.bundleBadge.at, edge.bundleBadge.text));
  return elements;
}

function drawSteps(canvas: G, diagram: PositionedDiagram): void {
  for (const { box, title } of diagram.steps) {
    canvas.rect(round(box.width), round(box.height)).move(round(box.x), round(box.y)).radius(10).addClass('rz-step');
    drawText(canvas, title);
  }
  for (const note of diagram.notes) drawText(canvas, note);
}

const TEXT_CLASSES: Readonly<Record<TextRole, string>> = { label: 'rz-label', caption: 'rz-caption', 'step-label': 'rz-step-label' };

/** A centred line of text where layout put it (and reserved its box: no line runs through it). */
function drawText(parent: G, { text, x, y, role }: PositionedText): void {
  parent.plain(text).addClass(TEXT_CLASSES[role]).attr({ x: round(x), y: round(y), 'text-anchor': 'middle' });
}

function drawGroups(canvas: G, diagram: PositionedDiagram): void {
  for (const group of diagram.groups) {
    const { box } = group;
    const g = canvas.group().attr('data-group-box', group.id);
    g.rect(round(box.width), round(box.height)).move(round(box.x), round(box.y)).radius(8).addClass('rz-group');
    for (const line of group.header) drawText(g, line);
  }
}

/**
 * A lattice as a grid of thin lines through its cells' rows and columns, running a little past the
 * outer cells so it reads as the map the cells sit on, not as lines between them. No arrowheads and
 * no data-*: neighbours on a lattice share no weight.
 */
function drawLattices(canvas: G, diagram: PositionedDiagram): void {
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const reach = METRICS.cellRadius + 6;
  for (const group of diagram.groups) {
    if (group.orientation !== 'grid' || !group.lattice) continue;
    const { rows, columns } = group.lattice;
    const at = (row: number, column: number) => byId.get(group.members[row * columns + column]!)!;
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) {
      const [a, b] = [at(row, 0), at(row, columns - 1)];
      lines.push(`M${round(a.x - reach)} ${round(a.y)} L${round(b.x + reach)} ${round(b.y)}`);
    }
    for (let column = 0; column < columns; column++) {
      const [a, b] = [at(0, column), at(rows - 1, column)];
      lines.push(`M${round(a.x)} ${round(a.y - reach)} L${round(b.x)} ${round(b.y + reach)}`);
    }
    canvas.path(lines.join(' ')).addClass('rz-lattice');
  }
}

/** Row and column of every cell of a lattice group, for its `data-lattice` attribute. */
function latticePositions(diagram: PositionedDiagram): Map<string, string> {
  const positions = new Map<string, string>();
  for (const group of diagram.groups)
    if (group.lattice) group.members.forEach((id, k) => positions.set(id, `${Math.floor(k / group.lattice!.columns)} ${k % group.lattice!.columns}`));
  return positions;
}

function drawCells(canvas: G, diagram: PositionedDiagram): void {
  const orientation = new Map(diagram.groups.map((g) => [g.id, g.orientation]));
  const lattice = latticePositions(diagram);
  const cells = diagram.nodes.map((node) => {
    if (node.elided) return drawEllipsis({ ...node, elided: node.elided }, orientation.get(node.group) === 'row' ? 'row' : 'column');
    // An explicit origin: translate() would measure the (detached) group's bbox for a default one.
    const g = new G().transform({ translate: [round(node.x), round(node.y)], origin: [0, 0] }).addClass(`rz-cell rz-cell-${node.cellType}`);
    g.attr({ 'data-node': node.id, 'data-cell': node.cellType, 'data-group': node.group });
    if (lattice.has(node.id)) g.attr('data-lattice', lattice.get(node.id));
    if (node.step !== undefined) g.attr('data-step', node.step);
    drawCellGlyph(g, node.cellType, node.r);
    return g;
  });
  appendAll(canvas.group().addClass('rz-cells'), cells);
}

/**
 * Positioned diagram → standalone SVG text carrying the metadata contract (README, "SVG metadata"):
 * data-* on the root, on every cell and on every connection; `<title>`/`<desc>` as its text alternative.
 * Drawing order is back to front: steps, groups, lattices, edges, cells, legend.
 */
export function renderSvg(diagram: PositionedDiagram): string {
  const { spec } = diagram;
  const frame = startDiagram(spec, DIAGRAM_CSS);
  const { canvas, ids } = frame;
  drawSteps(canvas, diagram);
  drawGroups(canvas, diagram);
  drawLattices(canvas, diagram);
  // Built detached and attached at once: svgdom pays O(children) per insertion (see appendAll).
  appendAll(canvas.group().addClass('rz-edges'), diagram.edges.flatMap((edge) => drawEdge(edge, ids)));
  drawCells(canvas, diagram);
  return finishDiagram(frame, spec, diagram, (root, width) => drawLegend(root, legendContents(diagram), width, ids));
}
