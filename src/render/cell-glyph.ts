import type { G } from '@svgdotjs/svg.js';
import type { CellType } from '../graph/types';

/**
 * Draws one cell at (0,0) into `g`: a body (circle, or rounded square for capsules and
 * convolution/pool cells) and an inner mark, so every cell type is told apart in greyscale too.
 */
export function drawCellGlyph(g: G, type: CellType, r: number): void {
  const square = type === 'capsule' || type === 'convolution-pool';
  if (square) g.rect(2 * r, 2 * r).move(-r, -r).radius(r * 0.3).addClass('rz-body');
  else g.circle(2 * r).center(0, 0).addClass('rz-body');
  const k = r / 14; // marks are designed for r = 14
  const mark = (d: string) => g.path(d).addClass('rz-mark');
  const triangle = `M${-4 * k} ${-5 * k} L${5 * k} 0 L${-4 * k} ${5 * k} Z`;
  switch (type) {
    case 'input':
      mark(triangle);
      break;
    case 'backfed-input':
      mark(triangle);
      g.circle(2 * r - 6 * k).center(0, 0).addClass('rz-mark');
      break;
    case 'noisy-input':
      mark(triangle);
      mark(`M${-7 * k} ${8 * k} q${2 * k} ${-3 * k} ${4 * k} 0 t${4 * k} 0 t${4 * k} 0`);
      break;
    case 'hidden':
      break; // the plain cell: no mark is its mark
    case 'probabilistic-hidden':
      g.circle(7 * k).center(0, 0).addClass('rz-mark-fill');
      break;
    case 'spiking-hidden':
      mark(`M${-6 * k} ${2 * k} L${-2 * k} ${-6 * k} L${1 * k} ${5 * k} L${4 * k} ${-3 * k} L${6 * k} ${1 * k}`);
      break;
    case 'capsule':
      g.circle(10 * k).center(0, 0).addClass('rz-mark');
      break;
    case 'output':
      g.circle(12 * k).center(0, 0).addClass('rz-mark');
      break;
    case 'match-input-output':
      mark(triangle);
      g.circle(16 * k).center(0, 0).addClass('rz-mark');
      break;
    case 'recurrent':
      // An open loop with an arrowhead: state that comes back round.
      mark(`M${5 * k} ${-4 * k} A${6 * k} ${6 * k} 0 1 0 ${6 * k} ${2 * k}`);
      mark(`M${2 * k} ${-6 * k} L${5.5 * k} ${-4 * k} L${4 * k} ${-0.5 * k}`);
      break;
    case 'memory':
      mark(`M${-5 * k} ${-5 * k} h${10 * k} v${10 * k} h${-10 * k} Z`);
      break;
    case 'gated-memory':
      mark(`M${-5 * k} ${-5 * k} h${10 * k} v${10 * k} h${-10 * k} Z M${-8 * k} 0 h${16 * k}`);
      break;
    case 'kernel':
      mark(`M0 ${-6 * k} L${6 * k} 0 L0 ${6 * k} L${-6 * k} 0 Z`);
      break;
    case 'convolution-pool':
      mark(`M${-6 * k} 0 h${12 * k} M0 ${-6 * k} v${12 * k}`);
      break;
  }
}
