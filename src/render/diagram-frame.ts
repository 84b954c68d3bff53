import type { G, Svg } from '@svgdotjs/svg.js';
import { METRICS } from '../layout/metrics';
import { defineMarkers, markerIds, type MarkerIds } from './markers';
import { createCanvas, serialise } from './svg-canvas';

/** What every diagram file says about itself, whatever it draws. */
interface DiagramHead {
  readonly architecture: string;
  readonly view: string;
  readonly title: string;
  readonly description: string;
}

export interface DiagramCanvas {
  readonly canvas: Svg;
  /** Prefix of the file's own ids (title, desc, markers), unique per architecture and view. */
  readonly prefix: string;
  readonly ids: MarkerIds;
}

/** The legend never gets narrower than this, however narrow the drawing. */
const LEGEND_MIN_WIDTH = 440;

/** A new diagram file: its `<title>` and `<desc>` (the text alternative), its stylesheet and markers. */
export function startDiagram(head: DiagramHead, css: string): DiagramCanvas {
  const prefix = `rz-${head.architecture}-${head.view}`;
  const ids = markerIds(prefix);
  const canvas = createCanvas();
  canvas.element('title').words(head.title).id(`${prefix}-title`);
  canvas.element('desc').words(head.description).id(`${prefix}-desc`);
  canvas.element('style').words(css);
  defineMarkers(canvas.defs(), ids);
  return { canvas, prefix, ids };
}

/**
 * Draws the legend under the drawing, sizes the file to both and writes the root's metadata
 * (`role`, `aria-labelledby`, `data-architecture`, `data-view`, `extra`, and `data-diagram-height`:
 * where the legend starts, so a thumbnail can crop to the drawing alone). Returns the SVG text.
 */
export function finishDiagram(
  { canvas, prefix }: DiagramCanvas,
  head: DiagramHead,
  drawing: { readonly width: number; readonly height: number },
  drawLegend: (root: G, width: number) => number,
  extra: Readonly<Record<string, string | number>> = {},
): string {
  const width = Math.max(drawing.width, LEGEND_MIN_WIDTH);
  const legendTop = drawing.height + 8;
  const legendHeight = drawLegend(canvas.group().translate(METRICS.diagramPadding, legendTop + 12), width - 2 * METRICS.diagramPadding);
  const height = Math.ceil(legendTop + 12 + legendHeight + METRICS.diagramPadding);
  canvas.attr({
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-labelledby': `${prefix}-title ${prefix}-desc`,
    class: 'rz-diagram',
    'data-architecture': head.architecture,
    'data-view': head.view,
    ...extra,
    'data-diagram-height': Math.ceil(drawing.height),
  });
  return serialise(canvas);
}
