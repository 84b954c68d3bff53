import { G } from '@svgdotjs/svg.js';
import { round } from '../layout/geometry';
import type { PositionedNode } from '../layout/types';
import type { ElidedRange } from '../views/types';

const DOT_RADIUS = 2.5;
const DOT_SPACING = 8;

/**
 * The ellipsis that stands for a run of a large group's cells, built detached: ⋮ along a column,
 * ⋯ along a row. It carries the elision attributes of the metadata contract (README) so a reader can
 * expand it: `data-ellipsis` (the id edges name), `data-elided` (its group), `data-elided-first` and
 * `data-elided-last` (the cells' index range, both included) and `data-elided-count`.
 */
export function drawEllipsis(node: PositionedNode & { elided: ElidedRange }, orientation: 'column' | 'row'): G {
  const { first, last } = node.elided;
  const count = last - first + 1;
  const g = new G().transform({ translate: [round(node.x), round(node.y)], origin: [0, 0] }).addClass('rz-ellipsis');
  g.attr({ 'data-ellipsis': node.id, 'data-elided': node.group, 'data-elided-first': first, 'data-elided-last': last, 'data-elided-count': count });
  if (node.step !== undefined) g.attr('data-step', node.step);
  g.element('title').words(`${count} cells not drawn: ${first} to ${last}`);
  for (const offset of [-DOT_SPACING, 0, DOT_SPACING]) {
    // Painted like arrowheads and the undirected marker's dots: ink, contrast-checked on every background.
    const dot = g.circle(2 * DOT_RADIUS).addClass('rz-marker-solid');
    if (orientation === 'column') dot.center(0, offset);
    else dot.center(offset, 0);
  }
  return g;
}
