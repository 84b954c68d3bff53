import { G, Path, type Element } from '@svgdotjs/svg.js';
import { shapeText, type PositionedFrame, type PositionedLayer, type PositionedLayersDiagram, type PositionedLayersEdge } from '../layout/layers-layout';
import { METRICS, textWidth } from '../layout/metrics';
import { groupDigits } from '../views/numbers';
import { finishDiagram, startDiagram } from './diagram-frame';
import { LAYERS_DIAGRAM_CSS, layerStyle } from './layers-style';
import { appendAll } from './svg-canvas';

function drawLayer(p: PositionedLayer): G {
  const { layer, box, lines } = p;
  const g = new G()
    .addClass(`rz-layer rz-layer-${layerStyle(layer.className)}`)
    .attr({ 'data-node': layer.name, 'data-layer': layer.name, 'data-class': layer.className, 'data-shape': shapeText(layer.shape), 'data-params': layer.params });
  if (layer.fixedParams > 0) g.attr('data-fixed-params', layer.fixedParams);
  g.element('title').words(`${layer.name} (${layer.className}): output ${shapeText(layer.shape)}, ${groupDigits(layer.params)} parameters${layer.fixedParams > 0 ? `, ${groupDigits(layer.fixedParams)} of them fixed` : ''}`);
  g.rect(box.width, box.height).move(box.x, box.y).radius(p.merge || layer.className === 'InputLayer' ? 14 : 3).addClass('rz-layer-body');
  const middle = box.x + box.width / 2;
  g.plain(lines[0]).addClass('rz-layer-label').attr({ x: middle, y: box.y + 12, 'text-anchor': 'middle' });
  g.plain(lines[1]).addClass('rz-layer-name').attr({ x: middle, y: box.y + 26, 'text-anchor': 'middle' });
  g.plain(lines[2]).addClass('rz-layer-detail').attr({ x: middle, y: box.y + 39, 'text-anchor': 'middle' });
  return g;
}

function drawFrame(p: PositionedFrame): G {
  const { frame, box } = p;
  const g = new G().addClass(`rz-frame${frame.repeat > 1 ? ' rz-frame-repeat' : ''}`).attr({ 'data-frame': frame.id, 'data-repeat': frame.repeat, 'data-layers': frame.layers.join(' '), ...(frame.sideInputs ? { 'data-side-inputs': frame.sideInputs.join(' ') } : {}) });
  g.rect(box.width, box.height).move(box.x, box.y).radius(6).addClass('rz-frame-body');
  g.plain(frame.title).addClass('rz-frame-title').attr({ x: p.title.x, y: p.title.y });
  return g;
}

function drawEdge(p: PositionedLayersEdge, arrow: string): Element[] {
  const d = `M${p.points.map((q) => `${q.x} ${q.y}`).join(' L')}`;
  const path = new Path().plot(d).addClass('rz-tensor').attr({ 'data-from': p.edge.from, 'data-to': p.edge.to, 'data-shape': shapeText(p.edge.shape), 'marker-end': `url(#${arrow})` });
  path.element('title').words(`${p.edge.from} → ${p.edge.to}: ${shapeText(p.edge.shape)}`);
  if (!p.label) return [path];
  const label = new G().addClass('rz-shape-label').attr({ 'data-label-for': `${p.edge.from}→${p.edge.to}` });
  label.plain(p.label.text).attr({ x: p.label.x + p.label.width / 2, y: p.label.y + p.label.height - 4, 'text-anchor': 'middle' });
  return [path, label];
}

/** The legend: a layer box, a merge, a frame (and ×N where something is folded), a tensor line. */
function drawLegend(root: G, diagram: PositionedLayersDiagram, width: number, arrow: string): number {
  const legend = root.group().addClass('rz-legend');
  legend.plain('Legend').addClass('rz-legend-title').attr({ x: 0, y: 0 });
  const folded = diagram.spec.frames.some((f) => f.repeat > 1);
  const blocks = diagram.spec.frames.some((f) => f.repeat === 1);
  const entries: { text: string; draw: (g: G) => void }[] = [
    {
      text: 'a layer: its name, what it does, its output shape · its parameters',
      draw: (g) => g.rect(30, 22).move(0, -11).radius(3).addClass('rz-layer-body rz-layer-plain'),
    },
    {
      text: `a tensor handed on${diagram.spec.edges.some((e) => e.labelled) ? '; its shape written beside each line into a merge' : ''}`,
      draw: (g) => g.path('M0 0 L30 0').addClass('rz-tensor').attr('marker-end', `url(#${arrow})`),
    },
  ];
  if (diagram.layers.some((l) => l.merge))
    entries.push({ text: '⊕ add, ‖ concatenate: where parallel paths meet', draw: (g) => g.rect(30, 18).move(0, -9).radius(9).addClass('rz-layer-body') });
  if (blocks) entries.push({ text: 'a block: parallel paths from one layer to a merge', draw: (g) => g.rect(30, 18).move(0, -9).radius(4).addClass('rz-frame-body') });
  if (folded) entries.push({ text: '×N: N identical parts in a row, drawn once', draw: (g) => g.rect(30, 18).move(0, -9).radius(4).addClass('rz-frame-body rz-frame-repeat') });
  const row = 26;
  let x = 0;
  let y = row;
  for (const entry of entries) {
    const entryWidth = 40 + textWidth(entry.text, METRICS.captionSize);
    if (x > 0 && x + entryWidth > width) {
      x = 0;
      y += row;
    }
    const g = legend.group().translate(x, y);
    entry.draw(g.group());
    g.plain(entry.text).addClass('rz-legend-text').attr({ x: 38, y: 4 });
    x += entryWidth + 18;
  }
  return y + row / 2;
}

/**
 * Positioned layers view → standalone SVG text. Root: `data-params` (the model's countParams()),
 * `data-config`, `data-direction`. Each layer: `data-node` = `data-layer`, `data-class`,
 * `data-shape`, `data-params`; each frame `data-frame`, `data-repeat`, `data-layers` (and
 * `data-side-inputs` where a folded run has them); each tensor
 * line `data-from`, `data-to`, `data-shape` (README, "SVG metadata", layers view).
 */
export function renderLayersSvg(diagram: PositionedLayersDiagram): string {
  const { spec } = diagram;
  const frame = startDiagram(spec, LAYERS_DIAGRAM_CSS);
  const { canvas, ids } = frame;
  appendAll(canvas.group().addClass('rz-frames'), diagram.frames.map(drawFrame));
  appendAll(canvas.group().addClass('rz-tensors'), diagram.edges.flatMap((e) => drawEdge(e, ids.arrow)));
  appendAll(canvas.group().addClass('rz-layers'), diagram.layers.map(drawLayer));
  return finishDiagram(frame, spec, diagram, (root, width) => drawLegend(root, diagram, width, ids.arrow), {
    'data-params': spec.params,
    'data-config': spec.config,
    'data-direction': diagram.direction,
  });
}
