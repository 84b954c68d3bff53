import { G, Path, type Element } from '@svgdotjs/svg.js';
import { round } from '../layout/geometry';
import { METRICS, textWidth } from '../layout/metrics';
import { OP_METRICS, type PositionedOpDiagram, type PositionedOpEdge, type PositionedOpNode } from '../layout/op-layout';
import type { OpName } from '../network/cells/op-graph';
import { finishDiagram, startDiagram } from './diagram-frame';
import { OP_DIAGRAM_CSS } from './op-style';
import { writeSubscripted } from './rich-text';
import { appendAll } from './svg-canvas';

/** The symbol inside each operation's circle: readable without colour, as the article's equations write it. */
const OP_SYMBOLS: Readonly<Record<Exclude<OpName, 'matmul'>, string>> = {
  sigmoid: 'σ',
  'hard-sigmoid': 'hσ',
  tanh: 'tanh',
  mul: '×',
  add: '+',
  'one-minus': '1−',
};

const OP_MEANINGS: Readonly<Record<OpName, string>> = {
  matmul: 'a gate’s weight blocks times the input and the state, plus its bias',
  sigmoid: 'logistic sigmoid, 0…1',
  'hard-sigmoid': 'hard sigmoid: clip(0.2·v + 0.5, 0, 1)',
  tanh: 'hyperbolic tangent, −1…1',
  mul: 'element-wise product',
  add: 'element-wise sum',
  'one-minus': '1 − v, element-wise',
};

function drawGlyph(p: PositionedOpNode): G {
  const { node, box, centre } = p;
  // An explicit origin: translate() would measure the (detached) group's bbox for a default one.
  const g = new G().transform({ translate: [round(centre.x), round(centre.y)], origin: [0, 0] }).attr('data-node', node.id);
  const [w, h] = [box.width, box.height];
  if (node.kind === 'terminal') {
    g.addClass(`rz-terminal rz-terminal-${node.role}`).attr({ 'data-terminal': node.role, 'data-side': node.side });
    if (node.role !== 'x') g.attr('data-state', node.role === 'output' ? 'h' : node.role);
    g.rect(round(w), round(h)).move(round(-w / 2), round(-h / 2)).radius(h / 2).addClass('rz-terminal-body');
    writeSubscripted(g.plain('').addClass('rz-terminal-text').attr({ x: 0, y: 4, 'text-anchor': 'middle' }), node.symbol, OP_METRICS.terminalTextSize);
    return g;
  }
  g.addClass(`rz-op rz-op-${node.op}${node.gate && node.op !== 'matmul' && node.op !== 'mul' && node.op !== 'one-minus' ? ' rz-op-gate' : ''}`).attr('data-op', node.op);
  if (node.gate) g.attr('data-gate', node.gate);
  g.attr('data-symbol', node.symbol);
  if (node.op === 'matmul') {
    g.rect(round(w), round(h)).move(round(-w / 2), round(-h / 2)).radius(3).addClass('rz-op-body');
    writeSubscripted(g.plain('').addClass('rz-op-box-text').attr({ x: 0, y: 4, 'text-anchor': 'middle' }), node.label, OP_METRICS.boxTextSize);
  } else {
    g.circle(2 * OP_METRICS.opRadius).center(0, 0).addClass('rz-op-body');
    const symbol = OP_SYMBOLS[node.op];
    g.plain(symbol).addClass(symbol.length > 2 ? 'rz-op-symbol rz-op-symbol-small' : 'rz-op-symbol').attr({ x: 0, y: symbol.length > 2 ? 3 : 4.5, 'text-anchor': 'middle' });
  }
  if (p.caption) writeSubscripted(g.plain('').addClass('rz-caption').attr({ x: 0, y: round(h / 2 + OP_METRICS.captionRoom - 4), 'text-anchor': 'middle' }), p.caption, METRICS.captionSize);
  return g;
}

function drawFlow(edge: PositionedOpEdge, arrow: string): Element {
  const path = new Path().plot(edge.path).addClass(`rz-flow${edge.state ? ` rz-flow-${edge.state}` : ''}`).attr({ 'data-from': edge.from, 'data-to': edge.to, 'marker-end': `url(#${arrow})` });
  if (edge.state) path.attr('data-state', edge.state);
  return path;
}

/** The legend: one sample per op the diagram uses, then the two state lines (or one). */
function drawLegend(root: G, diagram: PositionedOpDiagram, width: number, arrow: string): number {
  const ops = [...new Set(diagram.spec.nodes.flatMap((n) => (n.kind === 'op' ? [n.op] : [])))];
  const states = [...new Set(diagram.spec.edges.flatMap((e) => (e.state ? [e.state] : [])))].sort();
  const legend = root.group().addClass('rz-legend');
  legend.plain('Legend').addClass('rz-legend-title').attr({ x: 0, y: 0 });
  const row = 30;
  const entries: { width: number; draw: (g: G) => void }[] = ops.map((op) => {
    const text = `${op}: ${OP_MEANINGS[op]}`;
    return {
      width: 40 + textWidth(text, METRICS.captionSize),
      draw: (g) => {
        const glyph = g.group().translate(14, 0).addClass(`rz-op rz-op-${op}`);
        if (op === 'matmul') glyph.rect(26, 18).move(-13, -9).radius(3).addClass('rz-op-body');
        else {
          glyph.circle(24).center(0, 0).addClass('rz-op-body');
          const symbol = OP_SYMBOLS[op];
          glyph.plain(symbol).addClass(symbol.length > 2 ? 'rz-op-symbol rz-op-symbol-small' : 'rz-op-symbol').attr({ x: 0, y: symbol.length > 2 ? 3 : 4.5, 'text-anchor': 'middle' });
        }
        g.plain(text).addClass('rz-legend-text').attr({ x: 34, y: 4 });
      },
    };
  });
  for (const state of states) {
    const text = state === 'c' ? 'c: the memory cell’s state, from t−1 to t+1' : 'h: the hidden state, from t−1 to t+1 and out';
    entries.push({
      width: 52 + textWidth(text, METRICS.captionSize),
      draw: (g) => {
        g.path('M0 0 L40 0').addClass(`rz-flow rz-flow-${state}`).attr('marker-end', `url(#${arrow})`);
        g.plain(text).addClass('rz-legend-text').attr({ x: 48, y: 4 });
      },
    });
  }
  let x = 0;
  let y = row;
  for (const entry of entries) {
    if (x > 0 && x + entry.width > width) {
      x = 0;
      y += row;
    }
    entry.draw(legend.group().translate(x, y));
    x += entry.width + 18;
  }
  return y + row / 2;
}


/**
 * Positioned op diagram → standalone SVG text. Every operation carries `data-node`, `data-op`
 * (and `data-gate` where it belongs to one); terminals carry `data-terminal`, `data-side` and
 * `data-state`; every data-flow line `data-from`/`data-to` (README, "SVG metadata", internals view).
 */
export function renderOpSvg(diagram: PositionedOpDiagram): string {
  const { spec } = diagram;
  const frame = startDiagram(spec, OP_DIAGRAM_CSS);
  const { canvas, ids } = frame;
  canvas
    .plain(`one step of layer ${spec.layer}: ${spec.units} units, every line a vector of ${spec.units}`)
    .addClass('rz-caption')
    .attr({ x: METRICS.diagramPadding, y: METRICS.diagramPadding });
  appendAll(canvas.group().addClass('rz-flows'), diagram.edges.map((e) => drawFlow(e, ids.arrow)));
  appendAll(canvas.group().addClass('rz-ops'), diagram.nodes.map(drawGlyph));
  return finishDiagram(frame, spec, diagram, (root, width) => drawLegend(root, diagram, width, ids.arrow), { 'data-cell-kind': spec.cell, 'data-layer': spec.layer });
}
