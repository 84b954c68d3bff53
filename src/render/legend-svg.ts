import { CELL_TYPES, CONNECTION_KINDS } from '../graph/types';
import { drawLegend } from './legend';
import { defineMarkers, markerIds } from './markers';
import { DIAGRAM_CSS } from './style';
import { createCanvas, serialise } from './svg-canvas';
import { CELL_LABELS, KIND_LABELS } from './vocabulary';

const WIDTH = 720;
const PAD = 16;

/**
 * The whole visual language in one SVG: every cell type, every connection kind, every marker —
 * drawn by the same code as the diagrams, so the key cannot disagree with what it explains.
 */
export function renderFullLegendSvg(): string {
  const canvas = createCanvas();
  const prefix = 'rz-full-legend';
  canvas.element('title').words('Legend of the diagrams: cell types, connection kinds and markers').id(`${prefix}-title`);
  canvas
    .element('desc')
    .words(
      `Cell types: ${CELL_TYPES.map((t) => CELL_LABELS[t]).join(', ')}. Connection kinds: ${CONNECTION_KINDS.map((k) => KIND_LABELS[k]).join(', ')}. ` +
        'Kinds from residual on have no weight: they are dependencies the network computes. Markers: a diamond on a line is a fixed weight; a circled cross a line scaled by a coefficient computed for each input; dots at both ends an undirected weight; a t−1 badge a one-step delay; a t+1 badge a state from the next step (a chain running backward in time); a thick line with an m×n badge a bundle; ⋮ cells of a large group that are not drawn; a grid of thin lines behind cells a lattice, which is no weight.',
    )
    .id(`${prefix}-desc`);
  canvas.element('style').words(DIAGRAM_CSS);
  const ids = markerIds(prefix);
  defineMarkers(canvas.defs(), ids);
  const height = drawLegend(
    canvas.group().translate(PAD, PAD + 8),
    { cellTypes: CELL_TYPES, kinds: CONNECTION_KINDS, sparseOneToOne: false, fixed: true, fixedByCopy: false, scaledBy: ['cᵢⱼ'], undirected: true, allTrained: false, delay: true, backwardDelay: true, forwardInTime: ['recurrent', 'carry'], backwardInTime: ['recurrent', 'carry'], bundle: true, elided: true, lattice: true },
    WIDTH - 2 * PAD,
    ids,
  );
  const total = Math.ceil(height + 2 * PAD + 8);
  canvas.attr({ viewBox: `0 0 ${WIDTH} ${total}`, width: WIDTH, height: total, role: 'img', 'aria-labelledby': `${prefix}-title ${prefix}-desc`, class: 'rz-diagram' });
  return serialise(canvas);
}
